/** IPv4 and IPv6 addresses and CIDR ranges as big integers, for IpAddress / NotIpAddress. */

export interface IpValue {
  family: 4 | 6;
  value: bigint;
}

export interface CidrRange {
  family: 4 | 6;
  network: bigint;
  prefix: number;
}

function parseIpv4(s: string): bigint | undefined {
  const octets = s.split('.');
  if (octets.length !== 4) return undefined;
  let v = 0n;
  for (const o of octets) {
    if (!/^\d{1,3}$/.test(o) || Number(o) > 255) return undefined;
    v = (v << 8n) | BigInt(Number(o));
  }
  return v;
}

function parseIpv6(s: string): bigint | undefined {
  let text = s;
  // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groupsOf(halves[0]);
  const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
  const explicit = head.length + tail.length;
  // Without `::` all eight groups are written; with it, `::` stands for at least one zero group.
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return undefined;
  const groups = [...head, ...new Array<string>(8 - explicit).fill('0'), ...tail];
  let v = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    v = (v << 16n) | BigInt(parseInt(g, 16));
  }
  return v;
}

/** An address; IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is read as the IPv4 address it maps. */
export function parseIp(s: string): IpValue | undefined {
  const t = s.trim();
  if (!t.includes(':')) {
    const v4 = parseIpv4(t);
    return v4 === undefined ? undefined : { family: 4, value: v4 };
  }
  const v6 = parseIpv6(t);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { family: 4, value: v6 & 0xffffffffn };
  return { family: 6, value: v6 };
}

/** `203.0.113.0/24`, `2001:db8::/32`, or a bare address (a /32 or /128 range). */
export function parseCidr(s: string): CidrRange | undefined {
  const [addr, bits, extra] = s.trim().split('/');
  if (extra !== undefined) return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const width = ip.family === 4 ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = bits === undefined ? width : Number(bits);
  if (prefix > width) return undefined;
  const shift = BigInt(width - prefix);
  return { family: ip.family, network: (ip.value >> shift) << shift, prefix };
}

export function cidrContains(range: CidrRange, ip: IpValue): boolean {
  if (range.family !== ip.family) return false;
  const shift = BigInt((ip.family === 4 ? 32 : 128) - range.prefix);
  return (ip.value >> shift) << shift === range.network;
}
