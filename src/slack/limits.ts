// The Block Kit limits our builders respect (https://docs.slack.dev/reference/block-kit/).

export const LIMIT = {
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  blockId: 255,
  /** Option text and description; option values too (older docs and @slack/types say 75, newer ones 150). */
  optionText: 75,
  optionValue: 75,
  /** Options in a menu, also what an options request may answer. */
  menuOptions: 100,
  radioOptions: 10,
  headerText: 150,
  sectionText: 3000,
  buttonValue: 2000,
  placeholder: 150,
  /** Keep a message's `text` under this so chat.update accepts it. */
  messageText: 3900,
} as const;
