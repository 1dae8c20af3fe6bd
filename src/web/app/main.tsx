import "./styles.css";
import { type ReactNode, StrictMode, useCallback, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { api, onUnauthenticated, type User } from "./api.js";
import { Cohorts } from "./pages/cohorts.js";
import { Login } from "./pages/login.js";
import { PatientForm } from "./pages/patient-form.js";
import { PatientList } from "./pages/patient-list.js";
import { PatientPage } from "./pages/patient-page.js";
import { PatientSummary } from "./pages/patient-summary.js";
import { TumourBoard } from "./pages/tumour-board.js";
import { Link, navigate, usePath } from "./router.js";
import { UserContext } from "./user.js";

const NOTICE =
  "Decision support for clinicians: suggestions with their reasons and sources, not a decision. The treating physician and the tumour board decide.";

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
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar no-print">
        <Link to="/" className="brand">
          Hepatica
        </Link>
        <nav aria-label="Main">
          <Link to="/">Patients</Link>
          {user.role !== "researcher" && <Link to="/patients/new">New patient</Link>}
          <Link to="/cohorts">Cohorts</Link>
          <a href="/education">Patient education</a>
        </nav>
        <span className="who">
          {user.username} · <span className={`role role-${user.role}`}>{user.role}</span>
          <button type="button" className="link" onClick={logout}>
            Sign out
          </button>
        </span>
      </header>
      <p className="notice" role="note">
        {NOTICE}
        {user.role === "researcher" &&
          " You are viewing de-identified data: names and record numbers are removed and dates are shifted."}
      </p>
      <Routes />
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
