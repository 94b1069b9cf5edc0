export { UserRef, userRefText } from './UserRef';
