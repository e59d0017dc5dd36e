import { describe, expect, it } from "vitest";
import { buildFirewall } from "./firewall";

describe("buildFirewall", () => {
  it("IPv4 servers on the default SIP ports", () => {
    const rules = buildFirewall(["203.0.113.10", "198.51.100.0/24"]);
    expect(rules.ports).toEqual([5060, 5061]);
    expect(rules.iptables).toBe(
      [
        "# Ghostline: SIP (UDP/TCP 5060,5061) from the internet reaches the phones only from the SIP servers.",
        "# Replace WAN_IF with the router's internet-facing interface. With no IPv6 server, IPv6 SIP is dropped.",
        "iptables -N GHOSTLINE_SIP",
        "iptables -A GHOSTLINE_SIP -s 203.0.113.10 -j RETURN",
        "iptables -A GHOSTLINE_SIP -s 198.51.100.0/24 -j RETURN",
        "iptables -A GHOSTLINE_SIP -j DROP",
        "iptables -I FORWARD -i WAN_IF -p udp -m multiport --dports 5060,5061 -j GHOSTLINE_SIP",
        "iptables -I FORWARD -i WAN_IF -p tcp -m multiport --dports 5060,5061 -j GHOSTLINE_SIP",
        "ip6tables -N GHOSTLINE_SIP",
        "ip6tables -A GHOSTLINE_SIP -j DROP",
        "ip6tables -I FORWARD -i WAN_IF -p udp -m multiport --dports 5060,5061 -j GHOSTLINE_SIP",
        "ip6tables -I FORWARD -i WAN_IF -p tcp -m multiport --dports 5060,5061 -j GHOSTLINE_SIP",
        "",
      ].join("\n"),
    );
    expect(rules.nftables).toBe(
      [
        "# Ghostline: SIP (UDP/TCP 5060,5061) from the internet reaches the phones only from the SIP servers.",
        "# Replace WAN_IF with the router's internet-facing interface. Load with: nft -f <this file>",
        "table inet ghostline_sip {",
        "  set sip_servers_v4 {",
        "    type ipv4_addr",
        "    flags interval",
        "    elements = { 203.0.113.10, 198.51.100.0/24 }",
        "  }",
        "  chain forward {",
        "    type filter hook forward priority -10; policy accept;",
        '    iifname "WAN_IF" meta l4proto { tcp, udp } th dport { 5060, 5061 } ip saddr @sip_servers_v4 accept',
        '    iifname "WAN_IF" meta l4proto { tcp, udp } th dport { 5060, 5061 } drop',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
    expect(rules.plain).toBe(
      [
        "On the router or firewall in front of the phones, for traffic coming from the internet:",
        "1. Allow UDP and TCP to ports 5060 and 5061 only from these SIP server addresses: 203.0.113.10, 198.51.100.0/24.",
        "2. Block UDP and TCP to ports 5060 and 5061 from every other address, including IPv6 if the router has it.",
        "3. Put the allow rule above the block rule, and make sure any port forwarding to the phones is covered by both.",
        "Keep the address list current: if the provider adds a SIP server, calls from it are blocked until it is added.",
        "",
      ].join("\n"),
    );
  });

  it("IPv6 servers and a chosen port", () => {
    const rules = buildFirewall(["2001:db8::/32"], [5070]);
    expect(rules.iptables.split("\n").filter((l) => l.includes("-s "))).toEqual(["ip6tables -A GHOSTLINE_SIP -s 2001:db8::/32 -j RETURN"]);
    expect(rules.iptables).toContain("iptables -I FORWARD -i WAN_IF -p udp -m multiport --dports 5070 -j GHOSTLINE_SIP");
    expect(rules.nftables).not.toContain("sip_servers_v4");
    expect(rules.nftables).toContain('    iifname "WAN_IF" meta l4proto { tcp, udp } th dport { 5070 } ip6 saddr @sip_servers_v6 accept\n');
    expect(rules.nftables).toContain("    elements = { 2001:db8::/32 }\n");
    expect(rules.plain).toContain("1. Allow UDP and TCP to port 5070 only from these SIP server addresses: 2001:db8::/32.");
  });

  it("removes duplicate servers and sorts ports", () => {
    const rules = buildFirewall(["192.0.2.1", "192.0.2.1"], [5061, 5060, 5061]);
    expect(rules.servers).toEqual(["192.0.2.1"]);
    expect(rules.ports).toEqual([5060, 5061]);
  });
});
