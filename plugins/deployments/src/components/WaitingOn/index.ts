export { WaitingOn, waitingOnText } from './WaitingOn';
