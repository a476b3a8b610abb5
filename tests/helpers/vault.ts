import { newDataKey } from '../../src/lib/client/db/sealed';
import { Vault } from '../../src/lib/client/db/vault';

/** One data key for the tests that open a database by hand. */
export const testKey = await newDataKey();

/** A vault already unlocked, as after the passphrase: the database seals and opens its rows. */
export function unlockedVault(key: CryptoKey = testKey): Vault {
	const vault = new Vault();
	vault.use(key);
	return vault;
}
