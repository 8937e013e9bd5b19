/**
 * Reads the config file: `KEY = value` lines as in the seed's flexmeasures.cfg.
 * Values may be quoted strings, JSON (numbers, lists, objects), Python's
 * True/False/None, or bare text. `#` starts a comment line.
 */
export function parseConfigFile(content: string, fileName: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  content.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(trimmed);
    if (!match) {
      throw new Error(`${fileName} line ${index + 1}: expected KEY = value, got "${trimmed}"`);
    }
    values[match[1]] = parseValue(match[2].trim());
  });
  return values;
}

function parseValue(raw: string): unknown {
  if (raw === 'None') return undefined;
  if (raw === 'True') return true;
  if (raw === 'False') return false;
  if (/^'.*'$/.test(raw)) return raw.slice(1, -1);
  // Python tuples such as ("FlexMeasures", "no-reply@example.com") read as lists.
  const jsonish = /^\(.*\)$/.test(raw) ? `[${raw.slice(1, -1)}]` : raw;
  try {
    return JSON.parse(jsonish.replace(/'/g, '"'));
  } catch {
    return raw;
  }
}
