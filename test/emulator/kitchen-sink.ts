// A modal that uses every block and element type the emulator knows, each within
// its limits; the emulator must accept it. Also handy as a fill/submit fixture.

const pt = (text: string) => ({ type: "plain_text" as const, text });
const md = (text: string) => ({ type: "mrkdwn" as const, text });
const option = (value: string, text = value) => ({ text: pt(text), value });
const options = (n: number) => Array.from({ length: n }, (_, i) => option(`v${i}`, `Option ${i}`));
const confirm = { title: pt("Sure?"), text: md("This *cannot* be undone."), confirm: pt("Yes"), deny: pt("No") };

const input = (blockId: string, element: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: "input",
  block_id: blockId,
  label: pt(blockId),
  element: { action_id: `${blockId}_action`, ...element },
  ...extra,
});

export function buildKitchenSinkModal(): Record<string, unknown> {
  return {
    type: "modal",
    callback_id: "kitchen_sink",
    title: pt("Should we fine-tune?"),
    submit: pt("Decide"),
    close: pt("Cancel"),
    private_metadata: JSON.stringify({ decision: 42 }),
    clear_on_close: true,
    notify_on_close: false,
    blocks: [
      { type: "header", block_id: "header", text: pt("Fine-tuning checklist") },
      {
        type: "section",
        block_id: "intro",
        text: md("Answer *honestly*."),
        accessory: { type: "button", action_id: "help", text: pt("Help"), value: "help", style: "primary", confirm },
      },
      {
        type: "section",
        block_id: "facts",
        fields: [md("*Model*\ngpt"), md("*Budget*\n$100")],
        accessory: { type: "static_select", action_id: "pick", placeholder: pt("Pick"), options: options(3) },
      },
      { type: "divider" },
      { type: "context", elements: [md("context"), { type: "image", image_url: "https://example.com/a.png", alt_text: "a" }] },
      {
        type: "actions",
        block_id: "buttons",
        elements: [
          { type: "button", action_id: "approve", text: pt("Approve"), value: "yes", url: "https://example.com" },
          { type: "overflow", action_id: "more", options: options(5) },
          { type: "datepicker", action_id: "date", initial_date: "2026-01-31" },
          { type: "timepicker", action_id: "time", initial_time: "09:30" },
          { type: "datetimepicker", action_id: "datetime", initial_date_time: 1767225600 },
          { type: "users_select", action_id: "user", initial_user: "U1" },
          { type: "conversations_select", action_id: "conv" },
          { type: "channels_select", action_id: "chan" },
          { type: "external_select", action_id: "ext", min_query_length: 2 },
          {
            type: "multi_static_select",
            action_id: "groups",
            option_groups: [{ label: pt("Group"), options: options(2) }],
            max_selected_items: 2,
          },
        ],
      },
      { type: "image", block_id: "img", image_url: "https://example.com/b.png", alt_text: "b", title: pt("B") },
      {
        type: "rich_text",
        elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "rich" }] }],
      },
      input(
        "goal",
        { type: "plain_text_input", multiline: true, min_length: 5, max_length: 500, focus_on_load: true },
        {
          hint: pt("What should the model do?"),
        },
      ),
      input("examples", { type: "number_input", is_decimal_allowed: false, min_value: "0", max_value: "1000000", initial_value: "100" }),
      input("accuracy", { type: "number_input", is_decimal_allowed: true, min_value: "0", max_value: "1" }, { optional: true }),
      input("email", { type: "email_text_input" }, { optional: true }),
      input("link", { type: "url_text_input" }, { optional: true }),
      input("task", { type: "static_select", options: options(100), initial_option: option("v1", "Option 1") }),
      input("tags", { type: "multi_static_select", options: options(10) }, { optional: true }),
      input("latency", { type: "radio_buttons", options: [{ text: md("*fast*"), value: "fast" }, option("slow")] }),
      input(
        "constraints",
        { type: "checkboxes", options: options(10), initial_options: [option("v0", "Option 0")] },
        {
          optional: true,
        },
      ),
      input("deadline", { type: "datepicker" }, { optional: true }),
      input("at", { type: "timepicker" }, { optional: true }),
      input("when", { type: "datetimepicker" }, { optional: true }),
      input("owner", { type: "users_select" }, { optional: true }),
      input("reviewers", { type: "multi_users_select", max_selected_items: 3 }, { optional: true }),
      input("where", { type: "conversations_select" }, { optional: true }),
      input("wheres", { type: "multi_conversations_select" }, { optional: true }),
      input("channel", { type: "channels_select" }, { optional: true }),
      input("channels", { type: "multi_channels_select" }, { optional: true }),
      input("lookup", { type: "external_select" }, { optional: true }),
      input("lookups", { type: "multi_external_select" }, { optional: true }),
      input("notes", { type: "rich_text_input" }, { optional: true }),
      input("files", { type: "file_input", filetypes: ["jsonl"], max_files: 10 }, { optional: true }),
    ],
  };
}
