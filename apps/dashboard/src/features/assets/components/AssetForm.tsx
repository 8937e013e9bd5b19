import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../../../shared/api/http';
import type { UserResponse } from '../../../shared/api/users';
import { useDisplayTimezone } from '../../../shared/format/useDisplayTimezone';
import { Field, type FieldControlProps } from '../../../shared/ui/Field';
import { AssetMap } from '../../map/AssetMap';
import type { LatLng } from '../../map/projection';
import {
  ASSET_FIELD_LABELS,
  ASSET_FIELDS,
  assetChanges,
  describeFieldProblem,
  type AssetField,
  type AssetFormValues,
  type FormProblems,
  STORAGE_FIELDS,
} from '../assetFormValues';
import type { Asset, AssetChanges } from '../assetsApi';
import { assetTypeLabel, isStorageType, KNOWN_ASSET_TYPES } from '../assetTypes';

export interface AssetFormProps {
  /** The values the form starts with (a new asset's defaults, or the asset's own). */
  initial: AssetFormValues;
  isNew: boolean;
  /** Other assets: context on the location map, and the asset types in use. */
  contextAssets: readonly Asset[];
  /** Who may own the asset (admins); null when the owner cannot be changed here. */
  owners: readonly UserResponse[] | null;
  submitLabel: string;
  /** Sends the changes; rejects with the API's error (422 field errors are shown per field). */
  onSubmit: (changes: AssetChanges) => Promise<void>;
}

const POWER_UNITS = ['MW', 'kW', 'W'];

const HINTS: Partial<Record<AssetField, ReactNode>> = {
  name: 'Unique on the platform.',
  display_name: 'Optional: a name for people, shown instead of the name.',
  market: 'The id of the market whose prices apply to this asset.',
  event_resolution: 'Minutes per measurement; must divide a day (1, 5, 15, 60 …).',
  unit: 'The unit the asset’s meter data is posted in.',
  capacity_in_mw: 'Maximum power in MW, e.g. 0.5 for 500 kW.',
  latitude: 'Decimal degrees, −90 to 90. Clicking the map sets latitude and longitude.',
  longitude: 'Decimal degrees, −180 to 180.',
  min_soc_in_mwh: 'Energy in MWh the battery must keep.',
  max_soc_in_mwh: 'Energy in MWh the battery can hold.',
  soc_in_mwh: 'Optional: the last known state of charge.',
  soc_udi_event_id: 'Optional: the id of the UDI event that reported it.',
  charging_efficiency: 'A share above 0 and at most 1, e.g. 0.95 for 95%.',
  discharging_efficiency: 'A share above 0 and at most 1, e.g. 0.95 for 95%.',
};

function pickedPosition(values: AssetFormValues): LatLng | null {
  if (values.latitude.trim() === '' || values.longitude.trim() === '') return null;
  const lat = Number(values.latitude);
  const lng = Number(values.longitude);
  return Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : null;
}

function typeOptions(contextAssets: readonly Asset[], current: string): string[] {
  const names = new Set([...KNOWN_ASSET_TYPES, ...contextAssets.map((asset) => asset.asset_type)]);
  if (current !== '') names.add(current);
  return [...names].sort((a, b) => assetTypeLabel(a).localeCompare(assetTypeLabel(b)));
}

function fromApiError(error: unknown): { problems: FormProblems; message: string } {
  if (!(error instanceof ApiError) || Object.keys(error.fieldErrors).length === 0) {
    return { problems: {}, message: `The asset could not be saved: ${errorMessage(error)}` };
  }
  return { problems: { ...error.fieldErrors } as FormProblems, message: 'The asset could not be saved. Correct the fields marked below.' };
}

/** Every field of an asset, with a map to pick its location; shows the API's field errors next to each field. */
export function AssetForm({ initial, isNew, contextAssets, owners, submitLabel, onSubmit }: AssetFormProps) {
  const timezone = useDisplayTimezone();
  const [values, setValues] = useState(initial);
  const [problems, setProblems] = useState<FormProblems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const storage = isStorageType(values.asset_type);
  const picked = useMemo(() => pickedPosition(values), [values]);

  useEffect(() => {
    if (focusRequest === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? alertRef.current)?.focus();
  }, [focusRequest]);

  const set = (field: AssetField, value: string) => setValues((current) => ({ ...current, [field]: value }));

  const fieldErrors = (field: AssetField) => problems[field]?.map((problem) => describeFieldProblem(field, problem));

  const field = (name: AssetField, control: (props: FieldControlProps) => ReactNode) => (
    <Field label={ASSET_FIELD_LABELS[name]} hint={name === 'soc_datetime' ? `In your time zone (${timezone}).` : HINTS[name]} errors={fieldErrors(name)}>
      {control}
    </Field>
  );

  const input = (name: AssetField, kind: 'text' | 'number' | 'datetime-local' = 'number') =>
    field(name, (props) => (
      <input
        {...props}
        name={name}
        type={kind}
        step={kind === 'number' ? 'any' : undefined}
        inputMode={kind === 'number' ? 'decimal' : undefined}
        value={values[name]}
        onChange={(event) => set(name, event.target.value)}
      />
    ));

  const handlePick = (position: LatLng) => {
    setValues((current) => ({ ...current, latitude: String(position.lat), longitude: String(position.lng) }));
    setProblems((current) => ({ ...current, latitude: undefined, longitude: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { changes, problems: local } = assetChanges(values, { timezone, initial: isNew ? undefined : initial, canChangeOwner: owners !== null });
    if (Object.keys(local).length > 0) {
      setProblems(local);
      setFormError('The asset could not be saved. Correct the fields marked below.');
      setFocusRequest((count) => count + 1);
      return;
    }
    if (!isNew && Object.keys(changes).length === 0) {
      setProblems({});
      setFormError('Nothing to save: no field was changed.');
      return;
    }
    setBusy(true);
    setProblems({});
    setFormError(null);
    try {
      await onSubmit(changes);
    } catch (error) {
      const { problems: fromApi, message } = fromApiError(error);
      setProblems(fromApi);
      setFormError(message);
      setFocusRequest((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };

  // Field errors for fields this form does not show (e.g. a storage field of another type) go in the alert.
  const visible = new Set<string>(
    ASSET_FIELDS.filter((name) => (name !== 'owner' || owners !== null) && (storage || !STORAGE_FIELDS.includes(name))),
  );
  const elsewhere = Object.entries(problems).filter(([name, list]) => list !== undefined && !visible.has(name));

  return (
    <form ref={formRef} className="form asset-form" onSubmit={(event) => void submit(event)} noValidate aria-label={isNew ? 'New asset' : 'Edit asset'}>
      <div ref={alertRef} tabIndex={-1} className="focus-target">
        {formError !== null && (
          <div className="notice notice--error" role="alert">
            <p>{formError}</p>
            {elsewhere.length > 0 && (
              <ul>
                {elsewhere.map(([name, list]) => (
                  <li key={name}>{(list ?? []).map((problem) => describeFieldProblem(name, problem)).join(' ')}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>

      <fieldset className="form__group">
        <legend>Asset</legend>
        {input('name', 'text')}
        {input('display_name', 'text')}
        {field('asset_type', (props) => (
          <select {...props} name="asset_type" value={values.asset_type} onChange={(event) => set('asset_type', event.target.value)}>
            <option value="">Choose a type…</option>
            {typeOptions(contextAssets, values.asset_type).map((type) => (
              <option key={type} value={type}>
                {assetTypeLabel(type)}
              </option>
            ))}
          </select>
        ))}
        {owners !== null &&
          field('owner', (props) => (
            <select {...props} name="owner" value={values.owner} onChange={(event) => set('owner', event.target.value)}>
              {!owners.some((owner) => String(owner.id) === values.owner) && <option value={values.owner}>User {values.owner}</option>}
              {owners.map((owner) => (
                <option key={owner.id} value={String(owner.id)}>
                  {owner.username} ({owner.email})
                </option>
              ))}
            </select>
          ))}
        {input('market')}
      </fieldset>

      <fieldset className="form__group">
        <legend>Power</legend>
        {input('capacity_in_mw')}
        {field('unit', (props) => (
          <select {...props} name="unit" value={values.unit} onChange={(event) => set('unit', event.target.value)}>
            {POWER_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </select>
        ))}
        {input('event_resolution')}
      </fieldset>

      {storage && (
        <fieldset className="form__group">
          <legend>Storage (state of charge)</legend>
          {input('min_soc_in_mwh')}
          {input('max_soc_in_mwh')}
          {input('soc_in_mwh')}
          {input('soc_datetime', 'datetime-local')}
          {input('soc_udi_event_id')}
          {input('charging_efficiency')}
          {input('discharging_efficiency')}
        </fieldset>
      )}

      <fieldset className="form__group form__group--wide">
        <legend>Location</legend>
        <div className="form__row">
          {input('latitude')}
          {input('longitude')}
        </div>
        <AssetMap label="Map for picking the asset's location" mode="pick" assets={contextAssets} picked={picked} onPick={handlePick} />
      </fieldset>

      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
