import { SETTINGS, SettingSpec } from './settings';

function formatDefault(value: unknown): string {
  if (value === undefined) return '—';
  if (value === '') return '`""`';
  return '`' + (typeof value === 'string' ? value : JSON.stringify(value)) + '`';
}

/** The README's configuration table (Markdown), one row per setting, grouped by section. */
export function settingsTable(): string {
  const rows = ['| Setting | Default | Meaning |', '|---|---|---|'];
  let section: string | undefined;
  for (const setting of Object.values(SETTINGS) as SettingSpec[]) {
    if (setting.section !== section) {
      section = setting.section;
      rows.push(`| **${section}** | | |`);
    }
    const names = [setting.key, ...(setting.aliases ?? [])].map((name) => '`' + name + '`').join(' / ');
    rows.push(`| ${names} | ${formatDefault(setting.default)} | ${setting.description.replace(/\|/g, '\\|')} |`);
  }
  return rows.join('\n');
}
