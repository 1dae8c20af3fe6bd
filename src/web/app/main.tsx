import "./styles.css";
import { type ReactNode, StrictMode, useCallback, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { en, t } from "../../clinical/messages/catalogue.js";
import type { Lang } from "../../clinical/vocabulary/index.js";
import { api, onUnauthenticated, setRequestLang, type User } from "./api.js";
import { LangContext, storedLang, storeLang } from "./i18n.js";
import { Cohorts } from "./pages/cohorts.js";
import { Login } from "./pages/login.js";
import { PatientForm } from "./pages/patient-form.js";
import { PatientList } from "./pages/patient-list.js";
import { PatientPage } from "./pages/patient-page.js";
import { PatientSummary } from "./pages/patient-summary.js";
import { TumourBoard } from "./pages/tumour-board.js";
import { Link, navigate, usePath } from "./router.js";
import { ROLE_TEXT, UI } from "./ui-text.js";
import { UserContext } from "./user.js";

const NOTICE = en("notice");

const ROUTES: readonly { readonly re: RegExp; readonly page: (id: string) => ReactNode }[] = [
  { re: /^\/(?:patients)?$/, page: () => <PatientList /> },
  { re: /^\/patients\/new$/, page: () => <PatientForm /> },
  { re: /^\/cohorts$/, page: () => <Cohorts /> },
  { re: /^\/patients\/([^/]+)\/edit$/, page: (id) => <PatientForm id={id} /> },
  { re: /^\/patients\/([^/]+)\/board$/, page: (id) => <TumourBoard id={id} /> },
  { re: /^\/patients\/([^/]+)\/summary$/, page: (id) => <PatientSummary id={id} /> },
  { re: /^\/patients\/([^/]+)$/, page: (id) => <PatientPage id={id} /> },
];

function Routes() {
  const path = usePath();
  for (const r of ROUTES) {
    const m = r.re.exec(path);
    if (m) return r.page(decodeURIComponent(m[1] ?? ""));
  }
  return (
    <main id="main" className="page">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the patient list</Link>
      </p>
    </main>
  );
}

function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [lang, setLang] = useState<Lang>("en");
  useEffect(() => {
    if (!user) return;
    const l = storedLang(user.username);
    setRequestLang(l);
    setLang(l);
  }, [user]);
  const choose = useCallback(
    (l: Lang) => {
      if (user) storeLang(user.username, l);
      setRequestLang(l);
      setLang(l);
      document.documentElement.lang = l === "zh" ? "zh-CN" : "en";
    },
    [user],
  );
  useEffect(() => {
    api.me().then(setUser, () => setUser(null));
    return onUnauthenticated(() => setUser(null));
  }, []);
  const logout = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setUser(null);
    navigate("/", true);
  }, []);

  if (user === undefined) return <p className="loading">Loading…</p>;
  if (user === null) return <Login onLogin={setUser} notice={NOTICE} />;
  return (
    <UserContext.Provider value={user}>
      <LangContext.Provider value={lang}>
        <a className="skip" href="#main">
          {UI.skip[lang]}
        </a>
        <header className="topbar no-print">
          <Link to="/" className="brand">
            Hepatica
          </Link>
          <nav aria-label="Main">
            <Link to="/">{UI.patients[lang]}</Link>
            {user.role !== "researcher" && <Link to="/patients/new">{UI.newPatient[lang]}</Link>}
            <Link to="/cohorts">{UI.cohorts[lang]}</Link>
            <a href="/education">{UI.education[lang]}</a>
          </nav>
          <select
            className="lang"
            aria-label={UI.language[lang]}
            value={lang}
            onChange={(e) => choose(e.target.value === "zh" ? "zh" : "en")}
          >
            <option value="en">English</option>
            <option value="zh">中文</option>
          </select>
          <span className="who">
            {user.username} · <span className={`role role-${user.role}`}>{ROLE_TEXT[user.role][lang]}</span>
            <button type="button" className="link" onClick={logout}>
              {UI.signOut[lang]}
            </button>
          </span>
        </header>
        <p className="notice" role="note">
          {t(lang, "notice")}
          {user.role === "researcher" && UI.deidentified[lang]}
        </p>
        <Routes key={lang} />
      </LangContext.Provider>
    </UserContext.Provider>
  );
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
