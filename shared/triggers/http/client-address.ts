import ipaddr from 'ipaddr.js';

/**
 * The client a tracking attempt is counted against, from API Gateway's source IP: an IPv4 address
 * as it is, an IPv6 address by its /64 prefix (one home or phone is given a whole /64, so counting
 * single IPv6 addresses would give each guesser 2^64 fresh counters), an IPv4-mapped IPv6 address as
 * its IPv4. Anything unparsable counts under one shared key, never under none.
 */
export function clientAddressKey(sourceIp: string): string {
  if (!ipaddr.isValid(sourceIp)) return 'unknown';
  let address = ipaddr.parse(sourceIp);
  if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress())
    address = (address as ipaddr.IPv6).toIPv4Address();
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${parts.join(':')}::/64`;
}
