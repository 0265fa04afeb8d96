import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findNginx, NGINX_CONF, renderSiteConf, testConfig } from '../../scripts/nginx/nginx';

// The committed nginx config (scripts/nginx/wangge.conf, run by `pnpm cluster`) must stay valid
// for Debian's nginx. CI installs nginx (.ci/services.sh) and sets REQUIRE_CLUSTER, so there it
// cannot be skipped; elsewhere it is skipped when nginx is not installed.
const nginx = findNginx();
if (!nginx && process.env.REQUIRE_CLUSTER === '1') {
  throw new Error('REQUIRE_CLUSTER=1 but nginx is not installed (apt-get install -y nginx)');
}
const template = readFileSync(NGINX_CONF, 'utf8');
const nodes = [3101, 3102, 3103].map((port, i) => ({ name: `node${i + 1}`, port }));

describe('scripts/nginx/wangge.conf', () => {
  it.skipIf(!nginx)(
    `passes nginx -t as rendered for the local cluster${nginx ? '' : ' (skipped: nginx not installed: apt-get install -y nginx)'}`,
    () => {
      expect(testConfig({ port: 3000, nodes })).toMatch(/test is successful/);
    },
  );

  it('renders one server line per node in both upstreams and listens where asked', () => {
    const site = renderSiteConf(template, { port: 4321, nodes });
    for (const upstream of ['wangge_api', 'wangge_socketio']) {
      const block = new RegExp(`upstream ${upstream} \\{([^}]*)\\}`).exec(site)?.[1] ?? '';
      expect(block.match(/^\s*server /gm)).toHaveLength(3);
      for (const n of nodes)
        expect(block).toContain(`server 127.0.0.1:${n.port} max_fails=2 fail_timeout=10s;`);
    }
    expect(site).toMatch(/upstream wangge_socketio \{\s*hash \$remote_addr consistent;/);
    expect(site).toContain('listen 127.0.0.1:4321;');
  });

  it('leaves HSTS to the API and compression to the nodes; body limits match the API', () => {
    const active = template
      .split('\n')
      .filter((line) => !/^\s*#/.test(line))
      .join('\n');
    expect(active).not.toMatch(/Strict-Transport-Security/i);
    expect(active).toMatch(/^\s*gzip off;/m);
    // GRID_IMPORT_MAX_MB defaults to 50, MAX_UPLOAD_MB to 10.
    expect(active).toMatch(/location = \/api\/admin\/grids\/import \{\s*client_max_body_size 51m;/);
    expect(active).toMatch(/^\s{4}client_max_body_size 11m;/m);
  });
});
