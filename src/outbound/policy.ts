// Which addresses an outbound request may reach: every special-purpose range of the IANA IPv4 and
// IPv6 registries is refused, by name, unless the operator's allow-list (AGORA_OUTBOUND_ALLOW:
// addresses or CIDR ranges, comma-separated) or a caller's `allow` option covers it. No I/O here.
import { BlockList, isIP } from 'node:net';
import { AgoraError } from '../core/errors.ts';

type Family = 'ipv4' | 'ipv6';
interface Range { name: string; range: string; family: Family; list: BlockList }

function rule(name: string, family: Family, ...nets: Array<[string, number]>): Range[] {
  return nets.map(([net, bits]) => {
    const list = new BlockList();
    list.addSubnet(net, bits, family);
    return { name, range: `${net}/${bits}`, family, list };
  });
}

/** Checked in order: the narrowest IPv6 ranges first, then the forms embedding an IPv4 address, so each is named as such. */
const RULES: Range[] = [
  ...rule('unspecified', 'ipv6', ['::', 128]),
  ...rule('loopback', 'ipv6', ['::1', 128]),
  ...rule('IPv4-mapped IPv6', 'ipv6', ['::ffff:0:0', 96]),
  ...rule('IPv4-compatible IPv6', 'ipv6', ['::', 96]),
  ...rule('NAT64 (embeds an IPv4 address)', 'ipv6', ['64:ff9b::', 96], ['64:ff9b:1::', 48]),
  ...rule('6to4 (embeds an IPv4 address)', 'ipv6', ['2002::', 16]),
  ...rule('Teredo (embeds an IPv4 address)', 'ipv6', ['2001::', 32]),
  ...rule('unspecified', 'ipv4', ['0.0.0.0', 8]),
  ...rule('loopback', 'ipv4', ['127.0.0.0', 8]),
  ...rule('private', 'ipv4', ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16]),
  ...rule('shared (carrier-grade NAT)', 'ipv4', ['100.64.0.0', 10]),
  ...rule('link-local', 'ipv4', ['169.254.0.0', 16]),
  ...rule('IETF protocol assignments', 'ipv4', ['192.0.0.0', 24]),
  ...rule('documentation', 'ipv4', ['192.0.2.0', 24], ['198.51.100.0', 24], ['203.0.113.0', 24]),
  ...rule('benchmarking', 'ipv4', ['198.18.0.0', 15]),
  ...rule('multicast', 'ipv4', ['224.0.0.0', 4]),
  ...rule('reserved (incl. broadcast)', 'ipv4', ['240.0.0.0', 4]),
  ...rule('discard-only', 'ipv6', ['100::', 64]),
  ...rule('documentation', 'ipv6', ['2001:db8::', 32]),
  ...rule('unique-local', 'ipv6', ['fc00::', 7]),
  ...rule('link-local', 'ipv6', ['fe80::', 10]),
  ...rule('site-local (deprecated)', 'ipv6', ['fec0::', 10]),
  ...rule('multicast', 'ipv6', ['ff00::', 8]),
];

const familyOf = (address: string): Family => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** The name and range of the rule refusing `address` (an IP literal), or null for a public address. */
export function refusedBy(address: string): { rule: string; range: string } | null {
  const family = familyOf(address);
  // An IPv4 range also matches IPv4-mapped forms in BlockList; those are named by the first rule.
  const hit = RULES.find((r) => r.family === family && r.list.check(address, family));
  return hit ? { rule: hit.name, range: hit.range } : null;
}

/** Addresses and ranges the operator lets outbound requests reach although a rule refuses them. */
export class AllowList {
  private readonly list = new BlockList();
  private readonly any: boolean;
  constructor(entries: readonly string[], any = false) {
    this.any = any;
    for (const raw of entries) {
      const e = raw.trim();
      if (!e) continue;
      const [net, bits, extra] = e.split('/');
      const family = isIP(net);
      const n = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
      if (!family || extra !== undefined || !Number.isInteger(n) || n < 0 || n > (family === 6 ? 128 : 32)) {
        throw new AgoraError('CONFIG_INVALID', `AGORA_OUTBOUND_ALLOW: "${e}" is not an IP address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, fd00::/8).`);
      }
      this.list.addSubnet(net, n, family === 6 ? 'ipv6' : 'ipv4');
    }
  }

  /** From AGORA_OUTBOUND_ALLOW (and AGORA_ALLOW_PRIVATE_URLS=true, the older switch that allows every address). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, extra: readonly string[] = []): AllowList {
    return new AllowList([...(env.AGORA_OUTBOUND_ALLOW ?? '').split(','), ...extra], env.AGORA_ALLOW_PRIVATE_URLS === 'true');
  }

  allows(address: string): boolean {
    return this.any || this.list.check(address, familyOf(address));
  }
}
