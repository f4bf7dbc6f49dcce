// "Raft Network" view: network → channels → nodes, rebuilt from the state on every status.
import * as vscode from 'vscode';
import { NetworkState } from '../live/networkState';
import { Role } from '../live/networkStatus';
import { TreeItemModel, buildTree } from '../live/treeModel';

const ROLE_ICONS: Record<Role, [string, string]> = {
  leader: ['star-full', 'raftlens.leaderForeground'],
  follower: ['circle-filled', 'raftlens.followerForeground'],
  candidate: ['sync', 'raftlens.candidateForeground'],
  'pre-candidate': ['question', 'raftlens.preCandidateForeground'],
  evicted: ['circle-slash', 'raftlens.evictedForeground'],
  stopped: ['debug-stop', 'raftlens.stoppedForeground'],
  unknown: ['circle-outline', 'descriptionForeground'],
};

export class NetworkTreeProvider implements vscode.TreeDataProvider<TreeItemModel> {
  private readonly changed = new vscode.EventEmitter<TreeItemModel | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: TreeItemModel[] = [];

  constructor(private readonly state: NetworkState) {}

  refresh(): void {
    this.roots = buildTree(this.state);
    this.changed.fire(undefined);
  }

  getChildren(element?: TreeItemModel): TreeItemModel[] {
    if (!element) {
      return this.roots;
    }
    return element.kind === 'node' ? [] : element.children;
  }

  getTreeItem(element: TreeItemModel): vscode.TreeItem {
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
