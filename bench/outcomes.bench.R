# R side of the outcomes benchmark (bench/outcomes.bench.mjs runs it on the same CSV):
#   Rscript bench/outcomes.bench.R competing FILE.csv REPS CRR(0/1)
#   Rscript bench/outcomes.bench.R counting FILE.csv REPS
# Times the computation on data already read (fastest of REPS) and prints one JSON line.
suppressMessages({ library(survival); library(cmprsk) })
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[2])
reps <- as.integer(args[3])
best <- function(f) min(sapply(seq_len(reps), function(i) system.time(f())[["elapsed"]]))
v <- function(x) paste(sprintf("%.17g", x), collapse = ",")
if (args[1] == "competing") {
  ci <- NULL
  t_ci <- best(function() ci <<- cuminc(d$time, d$status, d$group))
  t_crr <- -1; coef <- numeric(0); se <- numeric(0)
  if (args[4] == "1") {
    f <- NULL
    t_crr <- best(function() f <<- crr(d$time, d$status, as.matrix(d[, c("x1", "x2", "x3")]), failcode = 1))
    coef <- f$coef; se <- sqrt(diag(f$var))
  }
  cat(sprintf('{"cuminc":%.6f,"crr":%.6f,"gray":[%s],"coef":[%s],"se":[%s],"r":"%s","cmprsk":"%s"}\n',
    t_ci, t_crr, v(ci$Tests[, "stat"]), v(coef), v(se), R.version.string, as.character(packageVersion("cmprsk"))))
} else {
  fs <- NULL; fc <- NULL
  t_strata <- best(function() fs <<- coxph(Surv(stop, event) ~ x1 + x2 + albi + strata(centre), d))
  t_counting <- best(function() fc <<- coxph(Surv(start, stop, event) ~ x1 + x2 + albi + strata(centre), d))
  cat(sprintf('{"strata":%.6f,"counting":%.6f,"coefStrata":[%s],"coefCounting":[%s],"seCounting":[%s],"r":"%s","survival":"%s"}\n',
    t_strata, t_counting, v(coef(fs)), v(coef(fc)), v(sqrt(diag(fc$var))), R.version.string, as.character(packageVersion("survival"))))
}
