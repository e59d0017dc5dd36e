// Router rules for the customer's firewall: SIP (UDP and TCP) may reach the phones only from the SIP
// servers. vendor-parameters.md §0 and §7 A-12: the most reliable control; a port change is obscurity.
// Pure; the addresses were validated by schema.ts (IPv4/IPv6 address or CIDR), so they are safe to
// interpolate into commands.

export interface FirewallRules {
  ports: number[];
  servers: string[];
  iptables: string;
  nftables: string;
  /** The same rules in words, for an IT person applying them on any router. */
  plain: string;
}

const DEFAULT_SIP_PORTS = [5060, 5061] as const;
const WAN = "WAN_IF";
const CHAIN = "GHOSTLINE_SIP";

function isIpv6(address: string): boolean {
  return address.includes(":");
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

function iptablesFamily(command: "iptables" | "ip6tables", servers: string[], ports: string): string[] {
  return [
    `${command} -N ${CHAIN}`,
    ...servers.map((server) => `${command} -A ${CHAIN} -s ${server} -j RETURN`),
    `${command} -A ${CHAIN} -j DROP`,
    ...["udp", "tcp"].map((proto) => `${command} -I FORWARD -i ${WAN} -p ${proto} -m multiport --dports ${ports} -j ${CHAIN}`),
  ];
}

function iptables(v4: string[], v6: string[], ports: number[]): string {
  const list = ports.join(",");
  return [
    `# Ghostline: SIP (UDP/TCP ${list}) from the internet reaches the phones only from the SIP servers.`,
    `# Replace ${WAN} with the router's internet-facing interface. With no IPv6 server, IPv6 SIP is dropped.`,
    ...iptablesFamily("iptables", v4, list),
    ...iptablesFamily("ip6tables", v6, list),
  ].join("\n") + "\n";
}

function nftables(v4: string[], v6: string[], ports: number[]): string {
  const match = `iifname "${WAN}" meta l4proto { tcp, udp } th dport { ${ports.join(", ")} }`;
  const set = (name: string, type: string, elements: string[]) =>
    elements.length === 0 ? [] : [`  set ${name} {`, `    type ${type}`, "    flags interval", `    elements = { ${elements.join(", ")} }`, "  }"];
  return [
    `# Ghostline: SIP (UDP/TCP ${ports.join(",")}) from the internet reaches the phones only from the SIP servers.`,
    `# Replace ${WAN} with the router's internet-facing interface. Load with: nft -f <this file>`,
    "table inet ghostline_sip {",
    ...set("sip_servers_v4", "ipv4_addr", v4),
    ...set("sip_servers_v6", "ipv6_addr", v6),
    "  chain forward {",
    "    type filter hook forward priority -10; policy accept;",
    ...(v4.length > 0 ? [`    ${match} ip saddr @sip_servers_v4 accept`] : []),
    ...(v6.length > 0 ? [`    ${match} ip6 saddr @sip_servers_v6 accept`] : []),
    `    ${match} drop`,
    "  }",
    "}",
  ].join("\n") + "\n";
}

function plain(servers: string[], ports: number[]): string {
  const portWords = `${ports.length === 1 ? "port" : "ports"} ${joinWords(ports.map(String))}`;
  return [
    "On the router or firewall in front of the phones, for traffic coming from the internet:",
    `1. Allow UDP and TCP to ${portWords} only from these SIP server addresses: ${servers.join(", ")}.`,
    `2. Block UDP and TCP to ${portWords} from every other address, including IPv6 if the router has it.`,
    "3. Put the allow rule above the block rule, and make sure any port forwarding to the phones is covered by both.",
    "Keep the address list current: if the provider adds a SIP server, calls from it are blocked until it is added.",
  ].join("\n") + "\n";
}

/** Rules for `ports` (default 5060 and 5061) allowing only `servers`. */
export function buildFirewall(servers: string[], ports: readonly number[] = DEFAULT_SIP_PORTS): FirewallRules {
  const unique = [...new Set(servers)];
  const sortedPorts = [...new Set(ports)].sort((a, b) => a - b);
  const v4 = unique.filter((s) => !isIpv6(s));
  const v6 = unique.filter(isIpv6);
  return {
    ports: sortedPorts,
    servers: unique,
    iptables: iptables(v4, v6, sortedPorts),
    nftables: nftables(v4, v6, sortedPorts),
    plain: plain(unique, sortedPorts),
  };
}
