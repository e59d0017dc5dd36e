// Source registry: the ids are the ones /work/shared/notes/vendor-parameters.md §8 defines, so every
// emitted line can be traced back to the note row and from there to the document or template.
// [P5] is cited in the note (§2 row 2) but never defined in its §8, so nothing here cites it.

export interface Source {
  title: string;
  url?: string;
}

export const SOURCES = {
  Y1: {
    title: "Yealink FAQ “How to block ghost call?” (2020-12-22)",
    url: "http://support.yealink.com/faq/faqInfo?id=559",
  },
  Y2: {
    title: "Yealink Administrator's Guide SIP-T2/T19(P) E2/T4/CP860, p.260 (sip.trust_ctrl), p.326 (anonymous rejection)",
    url: "https://easymanua.ls/yealink/sip-t48g/manual/567906?p=280",
  },
  Y3: {
    title: "Yealink SIP-T5 Series Administrator Guide p.494",
    url: "https://manualshive.com/en/manual/yealink/sip-t5-series/sip-t5-series_administrators-manual_3909785-497.html",
  },
  Y4: {
    title: "Yealink W60P Administrator Guide p.213; W80 Administrator Guide p.214",
    url: "https://manualshive.com/en/manual/yealink/w80/w80_administrators-manual_908928-217.html",
  },
  Y5: {
    title: "Yealink T58V/T58A/T56A/CP960 Administrator Guide p.234; W80 guide p.195",
    url: "https://easymanua.ls/yealink/t5-series/manual/730711?p=240",
  },
  Y6: { title: "wazo-platform/wazo-provd-plugins plugins/wazo_yealink/v87/templates/base.tpl (and v85/v86)" },
  Y7: { title: "wazo-platform/wazo-provd-plugins plugins/xivo-yealink/v73|v80|v81/entry.py (firmware strings)" },
  Y8: { title: "siplabs/sipXyealink etc/yealinkPhone/line-7X.xml, phone-7X.xml, config_v7x.vm" },
  Y9: { title: "provisioner/Provisioner endpoint/yealinkv70/t2x/$mac.cfg, endpoint/yealink/t2xv71/$mac.cfg" },
  Y10: { title: "amooma/GS3 opt/gemeinschaft/htdocs/prov/yealink/settings.php" },
  Y11: { title: "nemerald-voip/fspbx resources/provisioning/yealink/{T4,T5,T7,w70b,w80}/ templates" },
  Y12: { title: "Yealink V83 common template in a public repository (found by content search)" },
  P1: {
    title: "Polycom VVX Expansion Module Administrator's Guide Addendum, UC Software 4.1.6, pp.52, 57",
    url: "http://38.142.81.21:8001/manual/polycom/2200-46350-025/user-s-guide-english/page-57.html",
  },
  P2: {
    title: "Polycom Administrator Guide SoundPoint IP / SoundStation IP SIP 1.4.x p.117; SIP 2.2.0 p.A-14",
    url: "https://azmanual.top/manuals/183764/polycom-version-14x-17.html?page=125",
  },
  P3: { title: "wazo-platform/wazo-provd-plugins plugins/wazo_polycom/{v3_1_6,v3_2_4B}/var/tftpboot/sip.cfg" },
  P4: { title: "nemerald-voip/fspbx resources/provisioning/polycom/VVX/template.blade.php" },
  P6: {
    title: "Polycom UC Software 5.7 Administrator Guide, “Anonymous Call Rejection”",
    url: "https://documents.polycom.com/bundle/ucs-ag-5-7/page/c-ucs-ag-anonymous-call-rejection.html",
  },
  G1: { title: "nemerald-voip/fspbx grandstream/GXP17xx template (GXP1782/1780/1760 firmware 1.0.1.133)" },
  G2: { title: "provisioner/Provisioner endpoint/grandstream/gxpsb/cfg$mac.xml (GXP16xx firmware 1.0.3.6)" },
  G3: { title: "provisioner/Provisioner endpoint/grandstream/gxp/cfg$mac (GXP2000/2020/1200 firmware 1.2.5.3)" },
  G4: { title: "provisioner/Provisioner endpoint/grandstream/gxphd/cfg$mac (GXP21xx/GXP1450 firmware 1.0.4.10)" },
  G5: { title: "nemerald-voip/fspbx grandstream/GXP21xx template (alias format; same for GRP26xx/GXP16xx)" },
  G6: { title: "nemerald-voip/fspbx grandstream/wp8x6 template (WP8x6 firmware 1.0.1.44, alias format)" },
  G7: { title: "wazo-platform/wazo-provd-plugins plugins/wazo_grandstream (GXP2130–2170 1.0.11.85, GRP2612–2616 1.0.5.48)" },
  G8: {
    title: "Grandstream SIP Device Provisioning Guide",
    url: "https://documentation.grandstream.com/knowledge-base/sip-device-provisioning-guide/",
  },
  G9: {
    title: "Grandstream GXV34x0 Administration Guide, security settings",
    url: "https://www.easymanua.ls/grandstream-networks/gxv34-0-series/manual/1345305?p=46",
  },
  G10: {
    title: "Grandstream GXV34xx guide (Local SIP Port defaults); GXP17xx Administration Guide p.23",
    url: "https://www.easymanua.ls/grandstream-networks/gxv34-series/manual/1345312?p=36",
  },
  G11: {
    title: "Grandstream GXP User Manual firmware 1.2.5.3 p.40",
    url: "http://38.142.81.21:8001/manual/grandstream-networks/gxp1200/user-guide-english/page-40.html",
  },
  S1: {
    title: "Snom wiki “Setting Files/XML/Flags”",
    url: "http://wiki.snom.com/Features/Mass_Deployment/Setting_Files/XML/Flags",
  },
  S2: {
    title: "Snom “Desk Phone Configuration Files”",
    url: "https://service.snom.com/display/wiki/Desk+Phone+Configuration+Files",
  },
  S3: {
    title: "Snom FAQ “Configuring snom phones for Mass Deployment V3.4”",
    url: "https://manualmachine.com/snom/massdeploymentv34/20284994-frequently-asked-questions-manual",
  },
  S4: { title: "amooma/GS3 opt/gemeinschaft/htdocs/prov/snom/settings.php" },
  S5: { title: "pbertera/SIPPing README.md (required phone settings)" },
  S6: { title: "wazo-platform/wazo-provd-plugins plugins/wazo_snom/common/var/tftpboot/snom-general.xml" },
  S7: { title: "Snom 320 manual p.92 (Network identity (port))", url: "https://azmanual.top/manuals/152420/snom-320.html?page=92" },
  S8: { title: "nemerald-voip/fspbx resources/provisioning/snom/PA1plus/{$mac}.cfg" },
  S9: {
    title: "Snom documentation of user_sipusername_as_line (quoted in a third-party repository)",
    url: "https://service.snom.com/spaces/wiki/pages/234342279/user_sipusername_as_line",
  },
  S10: {
    title: "Snom M100 KLE Administrator and Provisioning Manual p.110",
    url: "https://www.manualslib.com/manual/1696673/Snom-M100-Kle.html?page=110",
  },
  C1: { title: "nemerald-voip/fspbx resources/provisioning/cisco/8861/{$mac}.xml (MPP flat profile)" },
  C2: { title: "nemerald-voip/fspbx cisco/spa50x template; provisioner/Provisioner endpoint/cisco/spa, spa5xx" },
  C3: {
    title: "Linksys SPA9000 Administrator Guide v3.01 p.6-49 (Restrict Source IP)",
    url: "https://www.easymanua.ls/linksys/spa9000/manual/1597442?p=197",
  },
  C4: { title: "provisioner/Provisioner endpoint/cisco/linksysata/$model.cfg" },
  C5: {
    title: "Cisco SPA300/SPA500/WIP310 Administration Guide p.117",
    url: "https://www.easymanua.ls/cisco/spa-301/manual/1156260?p=129",
  },
  F1: { title: "nemerald-voip/fspbx resources/provisioning/fanvil/w611w/{$mac}.xml" },
  F2: { title: "nemerald-voip/fspbx resources/provisioning/fanvil/XU Series/template.blade.php" },
  F4: { title: "Fanvil BW206 manual p.29", url: "https://manualshive.com/en/manual/fanvil/bw206/543886?page=29" },
  A1: {
    title: "Support article “How to deal with ghost calls”",
    url: "https://support.gazelletel.com/support/solutions/articles/67000719911-how-to-deal-with-ghost-calls",
  },
  A2: { title: "SIPCity “Ghost Calls”", url: "https://sipcity.com.au/help/ghost-calls/" },
  A3: { title: "2talk “Ghost Calls”", url: "https://help.2talk.com/en-US/kb/articles/ghost-calls-2" },
  A5: { title: "AAISP “VoIP Security”", url: "https://support.aa.net.uk/Special:MobileDiff/14166" },
  A6: {
    title: "IXICA “Phantom phone calls on Grandstream ATA”",
    url: "https://ixica.freshdesk.com/support/solutions/articles/11000015123",
  },
  A7: { title: "Third-party provisioning note (content-search id 70899411283): Fanvil BanAnonymous" },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;

export function isSourceId(id: string): id is SourceId {
  return Object.hasOwn(SOURCES, id);
}
