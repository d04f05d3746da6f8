/** Markdown tables and number formats for the bench's report. */

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...cells.map(line)].join('\n');
}

/** Milliseconds: 0.1 ms resolution under 100 ms, whole ms above. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '–';
  return value < 100 ? value.toFixed(1) : Math.round(value).toString();
}

export function num(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

export function mb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MB` : '–';
}

export const PASS = '✅';
export const FAIL = '❌';
export const mark = (ok: boolean) => (ok ? PASS : FAIL);

export interface TargetLine {
  section: string;
  target: string;
  figure: string;
  ok: boolean;
}

export class Report {
  private readonly parts: string[] = [];
  readonly targets: TargetLine[] = [];

  heading(text: string): void {
    this.parts.push(`\n## ${text}\n`);
  }

  text(text: string): void {
    this.parts.push(text);
  }

  table(headers: string[], rows: Array<Array<string | number>>): void {
    this.parts.push(`${table(headers, rows)}\n`);
  }

  target(line: TargetLine): void {
    this.targets.push(line);
  }

  markdown(title: string, preamble: string): string {
    const summary = table(['section', 'target', 'figure', ''], this.targets.map((t) => [t.section, t.target, t.figure, mark(t.ok)]));
    return [`# ${title}`, preamble, '\n## Targets\n', summary, ...this.parts, ''].join('\n');
  }
}
