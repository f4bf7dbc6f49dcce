// Draws the live role of every consenter in the editors showing a launched config file: a gutter
// icon and an after-line text colored by role (leader, follower, candidate, pre-candidate, evicted, stopped).
import * as vscode from 'vscode';
import { decorationsFor } from '../live/decorationModel';
import { NetworkState } from '../live/networkState';
import { Role } from '../live/networkStatus';
import { sameUri } from './uris';

const ROLE_COLORS: Record<Role, string> = {
  leader: 'raftlens.leaderForeground',
  follower: 'raftlens.followerForeground',
  candidate: 'raftlens.candidateForeground',
  'pre-candidate': 'raftlens.preCandidateForeground',
  member: 'raftlens.followerForeground',
  evicted: 'raftlens.evictedForeground',
  stopped: 'raftlens.stoppedForeground',
  unknown: 'descriptionForeground',
};

export class LiveDecorations implements vscode.Disposable {
  private readonly types = new Map<Role, vscode.TextEditorDecorationType>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(context: vscode.ExtensionContext, private readonly state: NetworkState) {
    for (const role of Object.keys(ROLE_COLORS) as Role[]) {
      const color = new vscode.ThemeColor(ROLE_COLORS[role]);
      this.types.set(
        role,
        vscode.window.createTextEditorDecorationType({
          gutterIconPath: context.asAbsolutePath(`media/role-${role}.svg`),
          gutterIconSize: 'contain',
          overviewRulerColor: color,
          overviewRulerLane: vscode.OverviewRulerLane.Left,
          rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
          after: { color, margin: '0 0 0 1.5em', fontStyle: 'italic' },
        }),
      );
    }
    this.subscriptions.push(vscode.window.onDidChangeVisibleTextEditors(() => this.refresh()));
  }

  refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      this.draw(editor);
    }
  }

  private draw(editor: vscode.TextEditor): void {
    const uri = this.state.uris().find((u) => sameUri(u, editor.document.uri));
    const byRole = new Map<Role, vscode.DecorationOptions[]>();
    if (uri) {
      for (const d of decorationsFor(this.state.channels(uri))) {
        if (d.line >= editor.document.lineCount) {
          continue;
        }
        const line = editor.document.lineAt(d.line).range;
        const options = byRole.get(d.role) ?? [];
        options.push({
          range: new vscode.Range(line.end, line.end),
          hoverMessage: new vscode.MarkdownString(d.hover),
          renderOptions: { after: { contentText: d.text } },
        });
        byRole.set(d.role, options);
      }
    }
    for (const [role, type] of this.types) {
      editor.setDecorations(type, byRole.get(role) ?? []);
    }
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.types.forEach((t) => t.dispose());
  }
}
