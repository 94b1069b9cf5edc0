import { useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import { configApiRef, IdentityApi, useApi } from '@backstage/core-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import Avatar from '@material-ui/core/Avatar';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemAvatar from '@material-ui/core/ListItemAvatar';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';

/** The header the backend's demo provider reads the chosen user from. */
export const DEMO_USER_HEADER = 'x-shipgate-demo-user';
const STORAGE_KEY = 'shipgate.demoUser';

type DemoUser = { name: string; displayName: string; role: string };

/** Signing out forgets the chosen user, so the picker shows again. */
function forgetOnSignOut(identityApi: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identityApi.getProfileInfo(),
    getBackstageIdentity: () => identityApi.getBackstageIdentity(),
    getCredentials: () => identityApi.getCredentials(),
    signOut: async () => {
      window.sessionStorage.removeItem(STORAGE_KEY);
      await identityApi.signOut();
    },
  };
}

function DemoUserPicker(props: { users: DemoUser[]; onPick: (name: string) => void }) {
  return (
    <Page themeId="home">
      <Header title="Shipgate" subtitle="Governed deployments for Backstage" />
      <Content>
        <InfoCard title="Sign in as an example user">
          <Typography variant="body2" paragraph>
            This portal runs with the development-only demo sign-in: pick anyone to try the
            whole flow — request, approve, deploy — from one browser.
          </Typography>
          <List aria-label="example users">
            {props.users.map(user => (
              <ListItem button key={user.name} onClick={() => props.onPick(user.name)}>
                <ListItemAvatar>
                  <Avatar>{user.displayName.charAt(0)}</Avatar>
                </ListItemAvatar>
                <ListItemText primary={user.displayName} secondary={user.role} />
              </ListItem>
            ))}
          </List>
        </InfoCard>
      </Content>
    </Page>
  );
}

/**
 * The portal's sign-in page. With the demo sign-in on, a person picks an example user; in
 * production it signs in through the configured proxy provider.
 */
export function ShipgateSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const demoEnabled = config.getOptionalBoolean('shipgate.demoSignIn.enabled') ?? false;
  const [chosen, setChosen] = useState<string | null>(() =>
    window.sessionStorage.getItem(STORAGE_KEY),
  );

  if (!demoEnabled) {
    const provider = config.getOptionalString('shipgate.signIn.provider') ?? 'oauth2Proxy';
    return <ProxiedSignInPage {...props} provider={provider} />;
  }

  if (!chosen) {
    const users = (config.getOptionalConfigArray('shipgate.demoSignIn.users') ?? []).map(
      c => ({
        name: c.getString('name'),
        displayName: c.getString('displayName'),
        role: c.getString('role'),
      }),
    );
    return (
      <DemoUserPicker
        users={users}
        onPick={name => {
          window.sessionStorage.setItem(STORAGE_KEY, name);
          setChosen(name);
        }}
      />
    );
  }

  return (
    <ProxiedSignInPage
      {...props}
      onSignInSuccess={identityApi => props.onSignInSuccess(forgetOnSignOut(identityApi))}
      provider="demo"
      headers={{ [DEMO_USER_HEADER]: chosen }}
    />
  );
}
