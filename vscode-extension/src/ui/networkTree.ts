// "Raft Network" view: network → channels → nodes, rebuilt from the state on every status. With no
// network running it shows a "Launch network" row and the view's message rather than a contributed
// `viewsWelcome`: Eclipse Theia (1.74) keeps a view that has welcome content on that content for
// good when the extension registers its provider while the view is hidden (its usual start-up
// order), so the tree would never show a running network there.
import * as vscode from 'vscode';
import { NetworkState } from '../live/networkState';
import { Role } from '../live/networkStatus';
import { TreeItemModel, buildTree } from '../live/treeModel';

const ROLE_ICONS: Record<Role, [string, string]> = {
  leader: ['star-full', 'raftlens.leaderForeground'],
  follower: ['circle-filled', 'raftlens.followerForeground'],
  candidate: ['sync', 'raftlens.candidateForeground'],
  'pre-candidate': ['question', 'raftlens.preCandidateForeground'],
  member: ['circle-outline', 'raftlens.followerForeground'],
  evicted: ['circle-slash', 'raftlens.evictedForeground'],
  stopped: ['debug-stop', 'raftlens.stoppedForeground'],
  unknown: ['circle-outline', 'descriptionForeground'],
};

/** the row offered while no network runs */
export type LaunchRow = { kind: 'launch'; id: 'raftlens.launch' };
const LAUNCH_ROW: LaunchRow = { kind: 'launch', id: 'raftlens.launch' };
export type ViewElement = TreeItemModel | LaunchRow;

export const NO_NETWORK_MESSAGE =
  'No Raft network is running. Open a configtx.yaml with an EtcdRaft section (for example samples/five-orderers/configtx.yaml) ' +
  'and launch its consenters as a local network on 127.0.0.1.';

export class NetworkTreeProvider implements vscode.TreeDataProvider<ViewElement> {
  private readonly changed = new vscode.EventEmitter<ViewElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: TreeItemModel[] = [];
  private view: vscode.TreeView<ViewElement> | undefined;

  constructor(private readonly state: NetworkState) {}

  /** the view shows {@link NO_NETWORK_MESSAGE} while the tree is empty */
  attach(view: vscode.TreeView<ViewElement>): void {
    this.view = view;
    this.view.message = this.roots.length === 0 ? NO_NETWORK_MESSAGE : undefined;
  }

  refresh(): void {
    this.roots = buildTree(this.state);
    if (this.view) {
      this.view.message = this.roots.length === 0 ? NO_NETWORK_MESSAGE : undefined;
    }
    this.changed.fire(undefined);
  }

  getChildren(element?: ViewElement): ViewElement[] {
    if (!element) {
      return this.roots.length > 0 ? this.roots : [LAUNCH_ROW];
    }
    return element.kind === 'node' || element.kind === 'launch' ? [] : element.children;
  }

  getTreeItem(element: ViewElement): vscode.TreeItem {
    if (element.kind === 'launch') {
      const item = new vscode.TreeItem('Launch network…', vscode.TreeItemCollapsibleState.None);
      item.id = element.id;
      item.description = 'from the open configtx.yaml';
      item.tooltip = 'Launches the open configtx.yaml\'s EtcdRaft consenters as a local network on 127.0.0.1 (RaftLens: Launch network)';
      item.iconPath = new vscode.ThemeIcon('play');
      item.command = { command: 'raftlens.launchNetwork', title: 'Launch network' };
      return item;
    }
    const collapsible = element.kind === 'node' ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(element.label, collapsible);
    item.id = element.id;
    item.description = element.description;
    item.tooltip = element.tooltip;
    item.contextValue = element.contextValue;
    if (element.kind === 'node') {
      const [icon, color] = ROLE_ICONS[element.role];
      item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
      if (element.line !== undefined) {
        const position = new vscode.Position(element.line, 0);
        item.command = {
          command: 'vscode.open',
          title: 'Show consenter',
          arguments: [vscode.Uri.parse(element.uri), { selection: new vscode.Range(position, position) }],
        };
      }
    } else if (element.kind === 'channel') {
      item.iconPath = new vscode.ThemeIcon(element.healthy ? 'broadcast' : 'warning');
    } else {
      item.iconPath = new vscode.ThemeIcon('server-environment');
      item.resourceUri = vscode.Uri.parse(element.uri);
    }
    return item;
  }
}
