import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from './api.js';
import type { Words } from './i18n.js';
import { ActionsHeader, Choice, ErrorNote, Notice, PRESETS, ROLES, useAttempt } from './ui.js';

interface Health {
  status: 'ok' | 'degraded';
  policy: string;
  models: {
    id: string;
    residency: 'onprem' | 'domestic' | 'foreign';
    ok: boolean;
    state: 'ready' | 'loaded' | 'missing' | 'failed' | 'unreachable';
    detail: string;
    endpoints?: {
      endpoint: string;
      weight: number;
      maxConcurrency: number | null;
      outstanding: number;
      state: 'up' | 'ejected';
      requests: number;
      failures: number;
      lastError: string | null;
    }[];
  }[];
}
interface Tenant {
  name: string;
  preset: string | null;
  rpm: number | null;
  tokensPerDay: number | null;
}
interface User {
  name: string;
  tenant: string;
  role: string;
  canSignIn: boolean;
  disabled: string | null;
}

export function Admin({ w }: { w: Words }) {
  const [health, setHealth] = useState<Health | undefined>();
  const [tenants, setTenants] = useState<Tenant[]>([]);
  const [users, setUsers] = useState<User[]>([]);
  const [newTenant, setNewTenant] = useState({ name: '', preset: '' });
  const [newUser, setNewUser] = useState({ tenant: '', name: '', role: 'member', password: '' });
  const [resetting, setResetting] = useState<string | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [notice, setNotice] = useState('');
  const [error, attempt] = useAttempt();
  const fetchAll = useCallback(async () => {
    setHealth(await api<Health>('GET', '/api/health'));
    setTenants((await api<{ data: Tenant[] }>('GET', '/api/tenants')).data);
    setUsers((await api<{ data: User[] }>('GET', '/api/users')).data);
  }, []);
  useEffect(() => {
    void attempt(fetchAll);
  }, [attempt, fetchAll]);
  const run = (f: () => Promise<unknown>) => async (e?: FormEvent) => {
    e?.preventDefault();
    setNotice('');
    await attempt(async () => {
      await f();
      await fetchAll();
    });
  };
  return (
    <section className="card">
      <h2>{w.admin}</h2>
      <ErrorNote message={error} />
      <Notice message={notice} />
      <h3>{w.models}</h3>
      <p>
        {w.defaultPolicy}: <code>{health?.policy}</code>
      </p>
      {health?.status === 'degraded' && (
        <p role="alert" className="error">
          {w.noChatModel}
        </p>
      )}
      <table data-testid="models">
        <thead>
          <tr>
            <th>{w.model}</th>
            <th>{w.residencyHeader}</th>
            <th>{w.health}</th>
          </tr>
        </thead>
        <tbody>
          {health?.models.map((m) => (
            <tr key={m.id}>
              <td>{m.id}</td>
              <td>{w.residency[m.residency]}</td>
              <td className={m.ok ? 'ok' : 'no'}>
                {m.ok ? '●' : '○'} {w.modelState[m.state]} · {m.detail}
                {m.endpoints && (
                  <table className="endpoints" data-testid={`endpoints-${m.id}`}>
                    <thead>
                      <tr>
                        <th>{w.endpoint}</th>
                        <th>{w.endpointLoad}</th>
                        <th>{w.endpointRequests}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {m.endpoints.map((e) => (
                        <tr key={e.endpoint} className={e.state === 'up' ? 'ok' : 'no'}>
                          <td>
                            {e.state === 'up' ? '●' : '○'} {e.endpoint} · {w.endpointState[e.state]}
                            {e.weight !== 1 && ` · ×${e.weight}`}
                          </td>
                          <td>
                            {e.outstanding}
                            {e.maxConcurrency !== null && ` / ${e.maxConcurrency}`}
                          </td>
                          <td>
                            {e.requests}
                            {e.failures > 0 &&
                              ` (${w.endpointFailures} ${e.failures}${e.lastError ? `: ${e.lastError}` : ''})`}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{w.tenants}</h3>
      <table data-testid="tenants">
        <thead>
          <tr>
            <th>{w.tenant}</th>
            <th>{w.policy}</th>
          </tr>
        </thead>
        <tbody>
          {tenants.map((t) => (
            <tr key={t.name}>
              <td>{t.name}</td>
              <td>
                <Choice
                  label={`${t.name} ${w.policy}`}
                  value={t.preset ?? ''}
                  options={PRESETS}
                  none={w.serverDefault}
                  onChange={(preset) =>
                    void run(() =>
                      api('PATCH', `/api/tenants/${encodeURIComponent(t.name)}`, { preset: preset || null }),
                    )()
                  }
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="row wrap"
        onSubmit={run(() =>
          api('POST', '/api/tenants', { name: newTenant.name, preset: newTenant.preset || null }).then(() =>
            setNewTenant({ name: '', preset: '' }),
          ),
        )}
      >
        <label>
          {w.newTenant}
          <input
            value={newTenant.name}
            onChange={(e) => setNewTenant({ ...newTenant, name: e.target.value })}
          />
        </label>
        <label>
          {w.policy}
          <Choice
            value={newTenant.preset}
            options={PRESETS}
            none={w.serverDefault}
            onChange={(preset) => setNewTenant({ ...newTenant, preset })}
          />
        </label>
        <button type="submit">{w.createTenant}</button>
      </form>

      <h3>{w.users}</h3>
      <table data-testid="users">
        <thead>
          <tr>
            <th>{w.user}</th>
            <th>{w.tenant}</th>
            <th>{w.role}</th>
            <th>{w.consoleSignIn}</th>
            <ActionsHeader w={w} />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={`${u.tenant}/${u.name}`}>
              <td>{u.name}</td>
              <td>{u.tenant}</td>
              <td>{u.role}</td>
              <td>{u.disabled ? w.disabled : u.canSignIn ? '✓' : '–'}</td>
              <td>
                <div className="actions">
                  {!u.disabled && resetting !== `${u.tenant}/${u.name}` && (
                    <button type="button" onClick={() => setResetting(`${u.tenant}/${u.name}`)}>
                      {w.resetPassword}
                    </button>
                  )}
                  {resetting === `${u.tenant}/${u.name}` && (
                    <form
                      className="row"
                      onSubmit={run(async () => {
                        await api(
                          'PUT',
                          `/api/users/${encodeURIComponent(u.tenant)}/${encodeURIComponent(u.name)}/password`,
                          { password: newPassword },
                        );
                        setResetting(null);
                        setNewPassword('');
                        setNotice(w.passwordReset);
                      })}
                    >
                      <label>
                        {w.newPassword}
                        <input
                          type="password"
                          autoComplete="new-password"
                          minLength={12}
                          required
                          value={newPassword}
                          onChange={(e) => setNewPassword(e.target.value)}
                        />
                      </label>
                      <button type="submit">{w.setPassword}</button>
                      <button type="button" onClick={() => setResetting(null)}>
                        {w.cancel}
                      </button>
                    </form>
                  )}
                  {!u.disabled && (
                    <button
                      type="button"
                      onClick={() =>
                        void run(() =>
                          api(
                            'DELETE',
                            `/api/users/${encodeURIComponent(u.tenant)}/${encodeURIComponent(u.name)}`,
                          ),
                        )()
                      }
                    >
                      {w.disable}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="row wrap"
        onSubmit={run(() =>
          api('POST', '/api/users', newUser).then(() =>
            setNewUser({ tenant: newUser.tenant, name: '', role: 'member', password: '' }),
          ),
        )}
      >
        <label>
          {w.tenant}
          <input
            value={newUser.tenant}
            onChange={(e) => setNewUser({ ...newUser, tenant: e.target.value })}
          />
        </label>
        <label>
          {w.newUser}
          <input value={newUser.name} onChange={(e) => setNewUser({ ...newUser, name: e.target.value })} />
        </label>
        <label>
          {w.role}
          <Choice
            value={newUser.role}
            options={ROLES}
            onChange={(role) => setNewUser({ ...newUser, role })}
          />
        </label>
        <label>
          {w.passwordOptional}
          <input
            type="password"
            autoComplete="new-password"
            value={newUser.password}
            onChange={(e) => setNewUser({ ...newUser, password: e.target.value })}
          />
        </label>
        <button type="submit">{w.createUser}</button>
      </form>
    </section>
  );
}
