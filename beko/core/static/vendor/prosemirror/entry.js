// Bundle of the ProseMirror modules BeKo's rich-text editor uses, exposed as one global.
export { EditorState, Plugin, TextSelection } from "prosemirror-state";
export { EditorView } from "prosemirror-view";
export { Schema, DOMParser, DOMSerializer, Fragment } from "prosemirror-model";
export { wrapInList, splitListItem, liftListItem, sinkListItem } from "prosemirror-schema-list";
export { keymap } from "prosemirror-keymap";
export { baseKeymap, toggleMark, setBlockType, chainCommands, exitCode, lift } from "prosemirror-commands";
export { history, undo, redo } from "prosemirror-history";
export { inputRules, wrappingInputRule, textblockTypeInputRule } from "prosemirror-inputrules";
