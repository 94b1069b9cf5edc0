export { ServerErrorAlert, serverErrorMessage } from './ServerErrorAlert';
