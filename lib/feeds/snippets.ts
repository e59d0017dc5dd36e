// Isomorphic and pure: the PBX-side configuration for a source's live feed, as the source page
// shows it (with a copy button) and the README describes it. Parameter names are the modules'
// own (mod_json_cdr.c / mod_xml_cdr.c load functions; Asterisk's manager.conf.sample,
// cdr_manager.conf.sample and cdr.conf.sample).

export interface FeedSnippetInput {
  /** The app's public URL, e.g. https://ghostline.example.com. */
  baseUrl: string;
  source: string;
  /** The feed secret just made, or null (a placeholder is shown). */
  secret: string | null;
  /** The manager.conf user the source's AMI settings name. */
  amiUsername?: string | null;
}

export interface FeedSnippet {
  id: string;
  title: string;
  /** Where the text goes on the PBX. */
  file: string;
  text: string;
  note: string;
}

const xmlAttr = (s: string) => s.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;");

export function feedEndpoint(baseUrl: string, source: string, path: "freeswitch" | "cdrs"): string {
  return `${baseUrl.replace(/\/+$/, "")}/api/v1/sources/${encodeURIComponent(source)}/${path}`;
}

export function feedSnippets(input: FeedSnippetInput): FeedSnippet[] {
  const secret = input.secret ?? "FEED_SECRET";
  const fs = feedEndpoint(input.baseUrl, input.source, "freeswitch");
  const push = feedEndpoint(input.baseUrl, input.source, "cdrs");
  const user = input.amiUsername ?? "ghostline";
  const fsSettings = (encode: string) => `    <param name="url" value="${xmlAttr(fs)}"/>
    <param name="auth-scheme" value="basic"/>
    <param name="cred" value="ghostline:${xmlAttr(secret)}"/>
    <param name="encode" value="${encode}"/>
    <!-- One CDR per call, the a-leg only: the record a later cdr_csv export holds too. -->
    <param name="log-b-leg" value="false"/>
    <!-- Two more tries 5 s apart, then the CDR is kept on disk for a later import. -->
    <param name="retries" value="2"/>
    <param name="delay" value="5"/>
    <param name="log-errors-to-disk" value="true"/>`;
  return [
    {
      id: "mod_json_cdr",
      title: "FreeSWITCH: mod_json_cdr",
      file: "autoload_configs/json_cdr.conf.xml (then `load mod_json_cdr`, and add it to modules.conf.xml)",
      text: `<configuration name="json_cdr.conf" description="JSON CDR">
  <settings>
${fsSettings("false")}
  </settings>
</configuration>
`,
      note: "encode=false posts the JSON as application/json; encode=true and base64 are read too. Leave encode-values at its default (true).",
    },
    {
      id: "mod_xml_cdr",
      title: "FreeSWITCH: mod_xml_cdr (instead of mod_json_cdr)",
      file: "autoload_configs/xml_cdr.conf.xml",
      text: `<configuration name="xml_cdr.conf" description="XML CDR CURL logger">
  <settings>
${fsSettings("true")}
  </settings>
</configuration>
`,
      note: "Every encode value (false, true, base64, textxml) is read.",
    },
    {
      id: "manager.conf",
      title: "Asterisk: manager.conf (the AMI user Ghostline logs in as)",
      file: "/etc/asterisk/manager.conf (then `manager reload`)",
      text: `[general]
enabled = yes
port = 5038
bindaddr = 0.0.0.0

[${user}]
secret = AMI_SECRET
; only Ghostline's address may log in
deny = 0.0.0.0/0.0.0.0
permit = GHOSTLINE_IP/255.255.255.255
; the Cdr event is in the cdr class; nothing is written
read = cdr
write =
`,
      note: "Enter the same user and secret in the AMI settings on this page. Ghostline connects to the PBX, sends a Ping every 20 s, and reconnects with back-off.",
    },
    {
      id: "cdr_manager.conf",
      title: "Asterisk: cdr_manager.conf and cdr.conf",
      file: "/etc/asterisk/cdr_manager.conf and /etc/asterisk/cdr.conf (then `module reload cdr_manager.so`)",
      text: `; cdr_manager.conf: a Cdr event per CDR
[general]
enabled = yes

[mappings]
; optional: the linked id, so a call's legs can be grouped
linkedid => LinkedID

; cdr.conf
[general]
enable = yes
; ghost rings are unanswered calls: log them
unanswered = yes
; batch=yes holds CDRs up to \`time\` seconds, while the link's heartbeat says the feed is live
batch = no
`,
      note: "cdr_custom and cdr_csv files keep working as exports: a call pushed live and then imported from a file is stored once.",
    },
    {
      id: "push",
      title: "Anything else: the JSON push (e.g. a relay for 3CX's active-socket CDR output)",
      file: "any HTTP client",
      text: `curl -sS -X POST '${push}' \\
  -H 'Authorization: Bearer ${secret}' -H 'Content-Type: application/json' \\
  -d '[{"start":"2026-11-03 10:00:00","end":"2026-11-03 10:00:25","caller":"+13125550101","callee":"202","disposition":"NO ANSWER","duration":25,"billsec":0,"uniqueId":"1762164000.42"}]'
`,
      note: "One object or an array, with the fields of a mapped CSV (start, answer, end, caller, callerName, callee, endpoint, disposition, duration, billsec, uniqueId, linkedId, context). POST [] as a heartbeat when there are no calls.",
    },
  ];
}
