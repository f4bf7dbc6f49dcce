import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ElectionLog, timelineMarkdown } from '../src/live/electionLog';
import { parseTimelineAnswer, roleAfter, timelineHtml, timelineSvg } from '../src/live/timelinePage';
import { URI, fiveNodes } from './fixtures';

const T0 = new Date(Date.UTC(2026, 10, 26, 14, 3, 0, 123));
const at = (ms: number) => new Date(T0.getTime() + ms);

function reelection(): ElectionLog {
  const log = new ElectionLog();
  log.observe(fiveNodes(3, 2), T0);
  log.observe(fiveNodes(0, 2, [3]), at(1000));
  log.observe(fiveNodes(1, 3, [3]), at(2100));
  return log;
}

/** the SVG inside the page's data: image */
function pictureOf(html: string): string {
  const m = /src="data:image\/svg\+xml;base64,([^"]+)"/.exec(html);
  assert.ok(m, 'the page has an SVG image');
  return Buffer.from(m[1], 'base64').toString('utf8');
}

describe('election timeline page', () => {
  it('reads the server answer as Markdown text or as {title, markdown, svg}', () => {
    assert.deepEqual(parseTimelineAnswer('| a |\n|---|\n'), { markdown: '| a |\n|---|\n' });
    assert.deepEqual(parseTimelineAnswer({ svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', title: 'mychannel' }), {
      markdown: undefined, svg: '<svg xmlns="http://www.w3.org/2000/svg"/>', title: 'mychannel',
    });
    assert.equal(parseTimelineAnswer({ svg: 'not a picture' }), undefined);
    assert.equal(parseTimelineAnswer(''), undefined);
    assert.equal(parseTimelineAnswer(null), undefined);
    assert.equal(parseTimelineAnswer(42), undefined);
  });

  it('knows the role each event leaves its node in', () => {
    assert.equal(roleAfter('became leader'), 'leader');
    assert.equal(roleAfter('became pre-candidate'), 'pre-candidate');
    assert.equal(roleAfter('started as follower'), 'follower');
    assert.equal(roleAfter('stopped'), 'stopped');
    assert.equal(roleAfter('evicted: removed from the consenter set'), 'evicted');
    assert.equal(roleAfter('elected leader orderer3.example.com'), undefined);
  });

  it('draws one lane per node with the leader changes and the stop', () => {
    const svg = timelineSvg(reelection().history(URI), at(3000));
    assert.ok(svg);
    for (let i = 1; i <= 5; i++) {
      assert.ok(svg.includes(`>orderer${i}.example.com</text>`), `lane of orderer${i}`);
    }
    assert.ok(svg.includes('<title>orderer3.example.com became leader at term 2</title>'));
    assert.ok(svg.includes('<title>orderer1.example.com became leader at term 3</title>'));
    assert.ok(svg.includes('<title>orderer3.example.com stopped</title>'));
    assert.ok(svg.includes('+3000 ms'), 'the time axis runs to now');
    assert.equal(timelineSvg([]), undefined);
  });

  it('renders the picture and the table, with a CSP that runs no script', () => {
    const log = reelection();
    const html = timelineHtml({
      title: 'Election timeline — five-orderers/configtx.yaml',
      svg: timelineSvg(log.history(URI), at(3000)),
      markdown: timelineMarkdown(log.history(URI), 'five-orderers/configtx.yaml'),
    }, 'vscode-resource:');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; img-src vscode-resource: data:;/);
    assert.ok(!/<script/i.test(html));
    assert.match(pictureOf(html), /^<svg xmlns/);
    assert.equal((html.match(/<h1/g) ?? []).length, 1, "the Markdown's own heading is not repeated");
    assert.match(html, /<table>[\s\S]*<th>event<\/th>[\s\S]*<td>became leader<\/td>[\s\S]*<\/table>/);
  });

  it('escapes HTML in the title and the Markdown', () => {
    const html = timelineHtml({ title: '<b>x</b>', markdown: '| node |\n|---|\n| <img src=x onerror=alert(1)> |\n' }, 'self');
    assert.ok(html.includes('&lt;b&gt;x&lt;/b&gt;'));
    assert.ok(!html.includes('<img src=x'));
    assert.match(html, /No picture/);
  });
});
