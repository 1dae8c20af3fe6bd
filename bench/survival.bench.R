# R side of the survival benchmark (bench/survival.bench.mjs runs it on the same CSV):
#   Rscript bench/survival.bench.R FILE.csv REPS
# Times survfit (KM by group), survdiff (log-rank) and coxph (Efron, 5 covariates) on the
# data already read, taking the fastest of REPS runs, and prints one JSON line.
suppressMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
reps <- as.integer(args[2])
best <- function(f) min(sapply(seq_len(reps), function(i) system.time(f())[["elapsed"]]))
km_overall <- function() survfit(Surv(time, status) ~ 1, d)
km <- best(function() survfit(Surv(time, status) ~ group, d))
lr <- best(function() survdiff(Surv(time, status) ~ group, d))
fit <- NULL
cox <- best(function() fit <<- coxph(Surv(time, status) ~ x1 + x2 + x3 + x4 + x5, d, ties = "efron"))
f <- km_overall()
cat(sprintf('{"km":%.6f,"logrank":%.6f,"cox":%.6f,"coef":[%s],"se":[%s],"loglik":%.17g,"chisq":%.17g,"surv_last":%.17g,"r":"%s","survival":"%s"}\n',
  km, lr, cox, paste(sprintf("%.17g", coef(fit)), collapse = ","), paste(sprintf("%.17g", sqrt(diag(vcov(fit)))), collapse = ","),
  fit$loglik[2], survdiff(Surv(time, status) ~ group, d)$chisq, f$surv[length(f$surv)],
  R.version.string, as.character(packageVersion("survival"))))
