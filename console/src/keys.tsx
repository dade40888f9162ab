import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { api } from './api.js';
import type { Words } from './i18n.js';
import { ActionsHeader, Choice, ErrorNote, ROLES, useAttempt } from './ui.js';

interface Key {
  id: string;
  tenant: string;
  name: string | null;
  role: string;
  created_at: string;
  revoked_at: string | null;
}

export function Keys({ w }: { w: Words }) {
  const [keys, setKeys] = useState<Key[]>([]);
  const [form, setForm] = useState({ tenant: '', name: '', role: 'member' });
  const [created, setCreated] = useState('');
  const [error, attempt] = useAttempt();
  const fetchKeys = useCallback(async () => {
    setKeys((await api<{ data: Key[] }>('GET', '/api/keys')).data);
  }, []);
  const load = useCallback(() => attempt(fetchKeys), [attempt, fetchKeys]);
  useEffect(() => {
    void load();
  }, [load]);
  async function create(e: FormEvent) {
    e.preventDefault();
    await attempt(async () => {
      const r = await api<{ key: string }>('POST', '/api/keys', form);
      setCreated(r.key);
      await fetchKeys();
    });
  }
  return (
    <section className="card">
      <h2>{w.keys}</h2>
      <form onSubmit={create} className="row wrap">
        <label>
          {w.tenant}
          <input value={form.tenant} onChange={(e) => setForm({ ...form, tenant: e.target.value })} />
        </label>
        <label>
          {w.keyName}
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label>
          {w.role}
          <Choice value={form.role} options={ROLES} onChange={(role) => setForm({ ...form, role })} />
        </label>
        <button type="submit">{w.createKey}</button>
      </form>
      {created && (
        <p className="notice">
          {w.shownOnce}: <code data-testid="new-key">{created}</code>
        </p>
      )}
      <ErrorNote message={error} />
      <table>
        <thead>
          <tr>
            <th>id</th>
            <th>{w.tenant}</th>
            <th>{w.keyName}</th>
            <th>{w.role}</th>
            <th>{w.status}</th>
            <ActionsHeader w={w} />
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id} data-testid={`key-${k.id}`}>
              <td>{k.id}</td>
              <td>{k.tenant}</td>
              <td>{k.name}</td>
              <td>{k.role}</td>
              <td>{k.revoked_at ? w.revoked : w.active}</td>
              <td>
                {!k.revoked_at && (
                  <button
                    type="button"
                    onClick={async () => {
                      await api('DELETE', `/api/keys/${k.id}`);
                      await load();
                    }}
                  >
                    {w.revoke}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
