import { useMemo, useState, type FormEvent } from 'react';
import { errorMessage } from '../../shared/api/http';
import type { UserResponse } from '../../shared/api/users';
import { useAuth } from '../../shared/auth/useAuth';
import { supportedTimezones } from '../../shared/format/time';
import { Field } from '../../shared/ui/Field';
import { SuccessMessage } from '../../shared/ui/States';
import { setUserTimezone } from '../users/usersApi';

/** The own time zone: every time in the dashboard is shown in it. */
export function TimezoneForm({ user }: { user: UserResponse }) {
  const { updateUser } = useAuth();
  const zones = useMemo(() => {
    const all = supportedTimezones();
    return all.includes(user.timezone) ? all : [user.timezone, ...all];
  }, [user.timezone]);
  const [timezone, setTimezone] = useState(user.timezone);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setResult(null);
    try {
      const updated = await setUserTimezone(user.id, timezone);
      updateUser(updated);
      setResult({ ok: true, message: `Your time zone is now ${updated.timezone}; times are shown in it.` });
    } catch (error) {
      setResult({ ok: false, message: `The time zone could not be saved: ${errorMessage(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} aria-label="Change your time zone">
      {result?.ok === true && <SuccessMessage>{result.message}</SuccessMessage>}
      {result?.ok === false && (
        <div className="notice notice--error" role="alert">
          {result.message}
        </div>
      )}
      <Field label="Time zone" hint="Times on every page of the dashboard are shown in this zone.">
        {(control) => (
          <select {...control} value={timezone} onChange={(event) => setTimezone(event.target.value)}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy || timezone === user.timezone}>
          Save time zone
        </button>
      </div>
    </form>
  );
}
