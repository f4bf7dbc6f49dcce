// The election timeline page: a picture (SVG) and a table, rendered by the extension itself in a
// webview — not a Markdown preview, which editors without VS Code's Markdown extension (Eclipse
// Theia) do not have. Generic over where the timeline comes from: the server's answer (Markdown
// text, or {title?, markdown?, svg?} — e.g. a timeline built from Fabric orderer logs) or the
// events this client observed. vscode-free, so the page is unit-tested under node.
import MarkdownIt from 'markdown-it';
import { ElectionEvent, fabricTime } from './electionLog';

/** What the timeline view shows; every part optional but at least one of markdown/svg is expected. */
export interface TimelineContent {
  title: string;
  /** a picture, as a complete <svg> document; shown as an image (no scripts run) */
  svg?: string;
  /** the table and any notes, as Markdown (raw HTML in it is escaped, not rendered) */
  markdown?: string;
}

/**
 * Reads a timeline command's answer: a Markdown string, or an object with `markdown`, `svg` and
 * `title` fields (any may be missing). Anything else is undefined.
 */
export function parseTimelineAnswer(answer: unknown): Partial<TimelineContent> | undefined {
  if (typeof answer === 'string') {
    return answer.trim() === '' ? undefined : { markdown: answer };
  }
  if (!answer || typeof answer !== 'object') {
    return undefined;
  }
  const a = answer as Record<string, unknown>;
  const text = (k: string) => (typeof a[k] === 'string' && (a[k] as string).trim() !== '' ? (a[k] as string) : undefined);
  const svg = text('svg');
  const content: Partial<TimelineContent> = {
    markdown: text('markdown'),
    svg: svg && /<svg[\s>]/i.test(svg) ? svg : undefined,
    title: text('title'),
  };
  return content.markdown || content.svg ? content : undefined;
}

export const ROLE_COLORS: Record<string, string> = {
  leader: '#2da44e',
  follower: '#218bff',
  candidate: '#d4a72c',
  'pre-candidate': '#a475f9',
  stopped: '#e5534b',
  evicted: '#8c959f',
};

/** the role an event puts its node in, or undefined for events that do not change it ("elected leader X") */
export function roleAfter(event: string): string | undefined {
  const m = /^(?:became|started as) (leader|follower|candidate|pre-candidate)\b/.exec(event);
  if (m) {
    return m[1];
  }
  if (event === 'stopped') {
    return 'stopped';
  }
  return event.startsWith('evicted') ? 'evicted' : undefined;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * One lane per node, coloured by the role it held over time, a diamond where a node became leader
 * (labelled with the term) and a cross where it stopped. Time runs left to right from the first event.
 */
export function timelineSvg(events: readonly ElectionEvent[], now: Date = new Date()): string | undefined {
  if (events.length === 0) {
    return undefined;
  }
  const lanes = [...new Map(events.map((e) => [`${e.channel}\u0000${e.node}`, e])).values()]
    .sort((a, b) => a.channel.localeCompare(b.channel) || a.nodeId - b.nodeId)
    .map((e) => ({ key: `${e.channel}\u0000${e.node}`, label: events.some((o) => o.channel !== e.channel) ? `${e.node} (${e.channel})` : e.node }));
  const t0 = events[0].time.getTime();
  const t1 = Math.max(events[events.length - 1].time.getTime(), now.getTime(), t0 + 1000);
  const labelWidth = Math.min(260, 20 + 7 * Math.max(...lanes.map((l) => l.label.length)));
  const plot = 720;
  const laneHeight = 30;
  const top = 34;
  const width = labelWidth + plot + 30;
  const height = top + lanes.length * laneHeight + 46;
  const x = (t: number) => labelWidth + ((t - t0) / (t1 - t0)) * plot;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${labelWidth}" y="18" fill="#57606a">${esc(fabricTime(new Date(t0)))} → +${t1 - t0} ms</text>`,
  ];
  lanes.forEach((lane, i) => {
    const y = top + i * laneHeight;
    parts.push(`<text x="8" y="${y + 19}" fill="#24292f">${esc(lane.label)}</text>`);
    parts.push(`<rect x="${labelWidth}" y="${y + 6}" width="${plot}" height="${laneHeight - 12}" fill="#f6f8fa" stroke="#d0d7de"/>`);
    const own = events.filter((e) => `${e.channel}\u0000${e.node}` === lane.key);
    let role: string | undefined;
    let since = t0;
    const band = (until: number) => {
      if (role && until > since) {
        parts.push(`<rect x="${x(since).toFixed(1)}" y="${y + 6}" width="${Math.max(1.5, x(until) - x(since)).toFixed(1)}" height="${laneHeight - 12}" fill="${ROLE_COLORS[role] ?? '#8c959f'}"><title>${esc(role)}</title></rect>`);
      }
    };
    for (const e of own) {
      const next = roleAfter(e.event);
      if (next) {
        band(e.time.getTime());
        role = next;
        since = e.time.getTime();
      }
    }
    band(t1);
    for (const e of own) {
      const cx = x(e.time.getTime()).toFixed(1);
      if (e.event === 'became leader') {
        parts.push(`<path d="M${cx} ${y + 3} l6 12 l-6 12 l-6 -12 z" fill="${ROLE_COLORS.leader}" stroke="#1f2328"><title>${esc(`${e.node} became leader at term ${e.term}`)}</title></path>`);
        parts.push(`<text x="${(Number(cx) + 8).toFixed(1)}" y="${y + 4}" fill="#1f2328" font-size="10">term ${e.term}</text>`);
      } else if (e.event === 'stopped') {
        parts.push(`<path d="M${Number(cx) - 5} ${y + 10} l10 10 m0 -10 l-10 10" stroke="#1f2328" stroke-width="2"><title>${esc(`${e.node} stopped`)}</title></path>`);
      }
    }
  });
  const legendY = top + lanes.length * laneHeight + 22;
  let lx = labelWidth;
  for (const [role, color] of Object.entries(ROLE_COLORS)) {
    parts.push(`<rect x="${lx}" y="${legendY - 10}" width="12" height="12" fill="${color}"/><text x="${lx + 16}" y="${legendY}" fill="#24292f">${role}</text>`);
    lx += 26 + role.length * 7;
  }
  parts.push('</svg>');
  return parts.join('\n');
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** The webview's HTML: no scripts; images only from data: URIs; styles inline, in the editor's theme colours. */
export function timelineHtml(content: TimelineContent, cspSource: string): string {
  const picture = content.svg
    ? `<img class="picture" alt="${esc(`Election timeline of ${content.title}`)}" src="data:image/svg+xml;base64,${Buffer.from(content.svg, 'utf8').toString('base64')}">`
    : '<p class="empty">No picture: no election observed yet.</p>';
  // the page has its own heading: a Markdown answer's leading "# Election timeline …" would repeat it
  const body = content.markdown?.replace(/^\s*# [^\n]*\n/, '');
  const table = body ? markdown.render(body) : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src ${cspSource} 'unsafe-inline';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${esc(content.title)}</title>
<style>
  body { font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); color: var(--vscode-foreground, #24292f); padding: 0 16px 16px; }
  h1 { font-size: 1.4em; }
  .picture { max-width: 100%; height: auto; border: 1px solid var(--vscode-panel-border, #d0d7de); border-radius: 4px; }
  table { border-collapse: collapse; margin-top: 12px; }
  th, td { border: 1px solid var(--vscode-panel-border, #d0d7de); padding: 3px 8px; text-align: left; }
  th { background: var(--vscode-editorWidget-background, #f6f8fa); }
  code { font-family: var(--vscode-editor-font-family, monospace); }
</style>
</head>
<body>
<h1 class="title">${esc(content.title)}</h1>
${picture}
<div class="table">
${table}
</div>
</body>
</html>
`;
}
