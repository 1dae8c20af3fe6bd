import { type FormEvent, useState } from "react";
import { ApiFailure, api, type User } from "../api.js";

export function Login({ onLogin, notice }: { onLogin: (u: User) => void; notice: string }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.login(username, password);
      onLogin(user);
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : "Could not reach the server");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login">
      <h1>Hepatica</h1>
      <p className="notice" role="note">
        {notice}
      </p>
      <form onSubmit={submit} aria-describedby={error ? "login-error" : undefined}>
        <label>
          Username
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p id="login-error" className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p>
        Patient information (no sign-in): <a href="/education">English</a> ·{" "}
        <a href="/zh/education" lang="zh-Hans">
          中文
        </a>
      </p>
    </main>
  );
}
