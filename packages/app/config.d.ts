export interface Config {
  shipgate?: {
    demoSignIn?: {
      /**
       * Development only: the sign-in page lets a person pick any example user.
       * @visibility frontend
       */
      enabled?: boolean;
      /**
       * Local benchmarks only: let the demo sign-in start under NODE_ENV=production (a
       * performance setting). `auth.environment: production` always refuses it.
       */
      allowUnderNodeEnvProduction?: boolean;
      /**
       * The example users offered on the demo sign-in page.
       * @visibility frontend
       */
      users?: Array<{
        /** @visibility frontend */
        name: string;
        /** @visibility frontend */
        displayName: string;
        /** @visibility frontend */
        role: string;
      }>;
    };
    signIn?: {
      /**
       * Production: the id of the proxy auth provider the sign-in page uses when the demo
       * sign-in is off (e.g. oauth2Proxy, gcpIap, awsalb, cfaccess).
       * @visibility frontend
       */
      provider?: string;
    };
  };
}
