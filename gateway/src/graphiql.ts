import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

/** GraphiQL from the installed packages (no CDN: portals' developers may have no internet either). */
// Files beside each package.json: the packages' `exports` do not list their browser bundles.
const inPackage = (name: string, file: string) => path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: inPackage('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: inPackage('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: inPackage('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: inPackage('graphiql', 'graphiql.min.css'), type: 'text/css' },
};

const escapeScript = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The page, with the dashboard query preloaded (and, on a development secret, a development token). */
export function graphiqlPage(options: { query: string; variables: object; token?: string }): string {
  const headers = options.token ? { Authorization: `Bearer ${options.token}` } : { Authorization: 'Bearer <npm run token>' };
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>医保支付资格管理 — GraphiQL</title>
<link rel="stylesheet" href="/graphiql/graphiql.css"><style>body{margin:0;height:100vh}#graphiql{height:100vh}</style></head>
<body><div id="graphiql"></div>
<script src="/graphiql/react.js"></script><script src="/graphiql/react-dom.js"></script><script src="/graphiql/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, {
    fetcher,
    query: ${escapeScript(options.query)},
    variables: ${escapeScript(JSON.stringify(options.variables, null, 2))},
    headers: ${escapeScript(JSON.stringify(headers, null, 2))},
    defaultEditorToolsVisibility: true,
  }));
</script></body></html>`;
}

/** Serves `/graphiql/<asset>`; false when the path is not one of them. */
export function serveGraphiqlAsset(name: string, res: ServerResponse): boolean {
  const asset = ASSETS[name];
  if (!asset) return false;
  res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'public, max-age=3600' });
  res.end(readFileSync(asset.file));
  return true;
}
