export async function printWelcome() {}
