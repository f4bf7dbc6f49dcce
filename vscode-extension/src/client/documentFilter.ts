// The client's document selector covers all YAML (a modeline cannot be expressed as a selector);
// this middleware keeps every non-RaftLens YAML file away from the server: it is never opened
// there and no provider answers for it. A file that gains or loses its modeline is opened or
// closed on the server as it changes.
import * as vscode from 'vscode';
import {
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  LanguageClient,
  Middleware,
} from 'vscode-languageclient/node';
import { MODELINE_LINES, isRaftLensDocument } from './documentScope';

export function isOurs(document: vscode.TextDocument): boolean {
  const head = document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, MODELINE_LINES), 0));
  return isRaftLensDocument(document.uri.path, head);
}

/**
 * The RaftLens file a command without an argument acts on: the active editor's, else the one RaftLens
 * file on screen (a click in a view takes the focus, and with it the active editor, in Theia).
 */
export function targetDocument(): vscode.TextDocument | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && isOurs(editor.document)) {
    return editor.document;
  }
  const shown = vscode.window.visibleTextEditors.filter((e) => isOurs(e.document));
  return shown.length === 1 ? shown[0].document : undefined;
}

/** provider hooks whose first argument is the document; anything else is answered with nothing */
const DOCUMENT_PROVIDERS = [
  'provideCompletionItem', 'provideHover', 'provideSignatureHelp', 'provideDefinition', 'provideReferences',
  'provideDocumentHighlights', 'provideDocumentSymbols', 'provideCodeActions', 'provideCodeLenses',
  'provideDocumentFormattingEdits', 'provideDocumentRangeFormattingEdits', 'provideOnTypeFormattingEdits',
  'provideRenameEdits', 'prepareRename', 'provideDocumentLinks', 'provideDeclaration', 'provideTypeDefinition',
  'provideImplementation', 'provideFoldingRanges', 'provideSelectionRanges', 'provideInlayHints',
  'provideDocumentColors', 'provideColorPresentations', 'provideLinkedEditingRange', 'provideInlineValues',
] as const;

export function documentFilterMiddleware(client: () => LanguageClient | undefined): Middleware {
  const opened = new Set<string>();
  const middleware: Record<string, unknown> = {
    didOpen: async (document: vscode.TextDocument, next: (d: vscode.TextDocument) => Promise<void>) => {
      if (isOurs(document)) {
        opened.add(document.uri.toString());
        return next(document);
      }
    },
    didChange: async (event: vscode.TextDocumentChangeEvent, next: (e: vscode.TextDocumentChangeEvent) => Promise<void>) => {
      const key = event.document.uri.toString();
      const ours = isOurs(event.document);
      const c = client();
      if (ours && !opened.has(key)) {
        opened.add(key);
        await c?.sendNotification(DidOpenTextDocumentNotification.type, c.code2ProtocolConverter.asOpenTextDocumentParams(event.document));
        return;
      }
      if (!ours && opened.has(key)) {
        opened.delete(key);
        await c?.sendNotification(DidCloseTextDocumentNotification.type, c.code2ProtocolConverter.asCloseTextDocumentParams(event.document));
        return;
      }
      if (ours) {
        return next(event);
      }
    },
    didClose: async (document: vscode.TextDocument, next: (d: vscode.TextDocument) => Promise<void>) => {
      if (opened.delete(document.uri.toString())) {
        return next(document);
      }
    },
    didSave: async (document: vscode.TextDocument, next: (d: vscode.TextDocument) => Promise<void>) => {
      if (opened.has(document.uri.toString())) {
        return next(document);
      }
    },
    willSave: async (event: vscode.TextDocumentWillSaveEvent, next: (e: vscode.TextDocumentWillSaveEvent) => Promise<void>) => {
      if (opened.has(event.document.uri.toString())) {
        return next(event);
      }
    },
  };
  for (const name of DOCUMENT_PROVIDERS) {
    middleware[name] = (document: vscode.TextDocument, ...rest: unknown[]) => {
      const next = rest[rest.length - 1] as (...a: unknown[]) => unknown;
      return opened.has(document.uri.toString()) ? next(document, ...rest.slice(0, -1)) : undefined;
    };
  }
  return middleware as Middleware;
}
