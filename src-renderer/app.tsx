export function App() {
  return (
    <main>
      <h1>Cloudmeter</h1>
    </main>
  );
}
