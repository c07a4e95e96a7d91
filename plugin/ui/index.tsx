import { render } from 'preact';
import { Button, Container, Text, Textbox, VerticalSpace } from '@create-figma-plugin/ui';
import { useState } from 'preact/hooks';
import styles from './app.module.css';
import { insideFigma } from './bridge.js';

/** Placeholder screen until the plugin issue: connection settings and where the sync will go. */
function App() {
  const [serverUrl, setServerUrl] = useState(insideFigma ? 'http://localhost:3000' : window.location.origin);
  return (
    <Container space="medium">
      <div class={styles.screen}>
        <VerticalSpace space="small" />
        <Text>
          <strong>design-sync</strong>
        </Text>
        <Text class={styles.muted}>Sync design tokens and components to versioned code.</Text>
        <Textbox value={serverUrl} onValueInput={setServerUrl} placeholder="Server URL" />
        <Button fullWidth disabled>
          Sync (coming soon)
        </Button>
      </div>
    </Container>
  );
}

render(<App />, document.getElementById('root')!);
