// Cloud and router spellings of a vendor's model id, reduced to the vendor's own form before parsing:
//   us.anthropic.claude-3-5-sonnet-20241022-v2:0   (Bedrock: region, vendor, listing version)
//   vertex_ai/claude-3-5-sonnet@20240620          (a host prefix; Vertex writes the snapshot after @)
//   publishers/google/models/gemini-2.5-pro        (a Vertex resource name)
//   azure/gpt-35-turbo-0613                        (Azure's spelling of gpt-3.5 is handled by the parser)

export interface ProviderId {
  /** The id without host prefixes, Bedrock's region and vendor, and Bedrock's listing version. */
  name: string;
  /** The vendor named by the spelling (`anthropic` in a Bedrock id), or the id's own organisation. */
  org: string | null;
  /** Bedrock writes the vendor before a bare model name (`deepseek.r1`): the name belongs to the vendor's family. */
  vendorPrefixed: boolean;
}

const HOST_PREFIX = /^(?:vertex_ai|azure|azure_ai|bedrock|converse|gemini)\//;
const VERTEX_RESOURCE = /^(?:projects\/[^/]+\/locations\/[^/]+\/)?publishers\/([^/]+)\/models\//;
const BEDROCK_REGION = /^(?:us|eu|apac|global|jp|au|ca|us-gov)\./;
const BEDROCK_VENDOR =
  /^(anthropic|meta|mistral|amazon|cohere|ai21|deepseek|qwen|openai|twelvelabs|writer|stability|moonshot|minimax)\.(.+)$/;
// `-v1:0`, `-1:0`, `-v2:0`: Bedrock's version of its listing. `-v0:2` is Mistral's own v0.2.
const BEDROCK_VERSION = /-v?(\d+):(\d+)$/;

export function readProviderId(id: string): ProviderId {
  let name = id
    .trim()
    .toLowerCase()
    .replace(/^~/, "")
    .replace(/^models\//, "");
  let org: string | null = null;
  let vendorPrefixed = false;
  while (HOST_PREFIX.test(name)) name = name.replace(HOST_PREFIX, "");
  const resource = VERTEX_RESOURCE.exec(name);
  if (resource) {
    org = resource[1]!;
    name = name.slice(resource[0].length);
  }
  const bedrock = BEDROCK_VENDOR.exec(name.replace(BEDROCK_REGION, ""));
  if (bedrock && !name.includes("/")) {
    org = bedrock[1]!;
    vendorPrefixed = true;
    name = bedrock[2]!.replace(BEDROCK_VERSION, (_, major: string, minor: string) => (major === "0" ? `-v0.${minor}` : ""));
  }
  const slash = name.lastIndexOf("/");
  if (slash >= 0) {
    org = name.slice(0, slash);
    name = name.slice(slash + 1);
  }
  return { name, org, vendorPrefixed };
}
