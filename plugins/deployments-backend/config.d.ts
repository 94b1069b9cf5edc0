export interface Config {
  deployments?: {
    /** Environments seeded into the database on first start (admins edit them afterwards). */
    environments?: Array<{
      /** Lowercase identifier used by CI, e.g. `production` (letters, digits, - and _). */
      name: string;
      /** Shown in the portal (default: the name). */
      title?: string;
      /** The kind of environment, shown under its name in the matrix. */
      tier: 'development' | 'testing' | 'staging' | 'production' | 'other';
      /** Position left to right in the matrix and the pipeline (default: its place in this list). */
      order?: number;
      /**
       * `direct`: an executed promotion deploys at once (unless the environment is frozen);
       * `manual`: its release waits for someone to press "Deploy now".
       */
      deployPolicy?: 'direct' | 'manual';
      /**
       * The least number of approvals a deployment request for this environment must ask for,
       * in total (slots added by deployment rules count): submitting one with fewer is refused
       * with 400 naming the minimum.
       */
      requiredApprovals?: number;
      /** Whether the requester may approve their own deployment request here (default false). */
      allowSelfApproval?: boolean;
    }>;
    /** Org role → catalog group refs whose members hold it. */
    roles?: {
      [role: string]: string[];
    };
    /**
     * The shipped permission policy's fallback for other plugins' permissions: reads are
     * allowed to everyone; create, update, delete and permissions with no action only to
     * these org roles (default: admin).
     */
    otherPluginsPermissions?: {
      mutatingRoles?: string[];
    };
    /** Seed example deployment history when none is recorded (demo portal only). */
    demoData?: boolean;
    notifications?: {
      /**
       * Notifications and signals go out once Shipgate has answered no request for this many
       * milliseconds (at most 10 s after the change they tell of), so that a burst of
       * decisions is answered first. Default 5. 0 sends them as soon as no answer is being
       * written: for portals whose notifications, signals and events backends run elsewhere.
       */
      quietMs?: number;
    };
  };
}
