import { render } from 'preact';
import { App } from './app';
import './style.css';

/** Entry: mounts the editor into #app. */
render(<App />, document.getElementById('app')!);
