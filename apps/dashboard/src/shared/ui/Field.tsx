import { useId, type ReactNode } from 'react';

/** The attributes that connect a control to its label, hint and error. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export interface FieldProps {
  label: string;
  /** Shown under the label; read out with the control. */
  hint?: ReactNode;
  /** Problems with the value, shown next to the control and read out with it. */
  errors?: readonly string[];
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/** A labelled form control with its hint and errors (aria-describedby, aria-invalid). */
export function Field({ label, hint, errors = [], className, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [hint !== undefined ? hintId : undefined, errors.length > 0 ? errorId : undefined].filter(Boolean).join(' ');

  return (
    <div className={['field', errors.length > 0 ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint !== undefined && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {children({ id, 'aria-describedby': described === '' ? undefined : described, 'aria-invalid': errors.length > 0 ? true : undefined })}
      {errors.length > 0 && (
        <p id={errorId} className="field__error">
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}
