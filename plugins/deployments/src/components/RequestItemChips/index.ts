export { RequestItemChips, itemText } from './RequestItemChips';
