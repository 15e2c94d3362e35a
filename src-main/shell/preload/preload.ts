import { contextBridge } from 'electron';

// The renderer's only door to the main process; named methods are added with the IPC contract.
contextBridge.exposeInMainWorld('cloudmeter', {});
