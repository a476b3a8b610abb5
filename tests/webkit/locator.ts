import { By, type WebDriver, type WebElement } from 'selenium-webdriver';

/*
 * Playwright-like locators over WebDriver, so the WebKit tests find controls as people and
 * assistive technology do: by role and accessible name, where the name is WebKit's own
 * (WebDriver's "Get Computed Label"), and the role is checked with "Get Computed Role".
 * Every locator waits, polling, until what it looks for is there.
 */

export type Name = string | RegExp;
export const timeout = 15_000;

/** The elements that can have each role, as XPath steps (without the leading `.//`). */
const roleSteps: Record<string, string[]> = {
	alert: ["*[@role='alert']"],
	article: ['article', "*[@role='article']"],
	banner: ['header', "*[@role='banner']"],
	blockquote: ['blockquote'],
	button: ['button', "*[@role='button']", "input[@type='submit' or @type='button']", 'summary'],
	checkbox: ["input[@type='checkbox']", "*[@role='checkbox']"],
	combobox: ['select', "*[@role='combobox']"],
	group: ['fieldset', "*[@role='group']"],
	heading: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', "*[@role='heading']"],
	img: ['img', "*[@role='img']"],
	link: ['a[@href]', "*[@role='link']"],
	list: ['ul', 'ol', "*[@role='list']"],
	listitem: ['li', "*[@role='listitem']"],
	navigation: ['nav', "*[@role='navigation']"],
	radio: ["input[@type='radio']", "*[@role='radio']"],
	region: ['section', "*[@role='region']"],
	status: ["*[@role='status']", 'output'],
	textbox: ['textarea', "input[not(@type) or @type='text' or @type='email']", "*[@role='textbox']"]
};
/** Where WebKit's computed role words differ from ARIA's. */
const roleAliases: Record<string, string[]> = { img: ['img', 'image'], summary: ['button'] };
const labelSteps = ['input', 'textarea', 'select', "*[@role='textbox' or @role='combobox']"];

/** A string as an XPath literal, whatever quotes it holds. */
export function xpathLiteral(text: string): string {
	if (!text.includes("'")) return `'${text}'`;
	return `concat(${text
		.split("'")
		.map((part) => `'${part}'`)
		.join(`, "'", `)})`;
}

const matches = (actual: string | null, name: Name) =>
	actual !== null && (typeof name === 'string' ? actual.trim() === name : name.test(actual.trim()));

/*
 * WebKitWebDriver answers an error, not an empty name, for an element outside the
 * accessibility tree (hidden, or inert under the lock screen): such an element has no name and
 * no role, as Playwright's getByRole would also ignore it.
 */
const nameOf = (el: WebElement) => el.getAccessibleName().catch(() => null);
const roleOf = (el: WebElement) => el.getAriaRole().catch(() => null);

/**
 * Visible as Playwright means it: a box of some size, not `visibility: hidden`. (WebDriver's
 * isDisplayed also hides `opacity: 0`, which the photo picker's file input is, on purpose.)
 */
const visible = `return Array.from(arguments, (el) => {
	const box = el.getBoundingClientRect();
	return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
});`;

/**
 * Ready for a person's tap, as Playwright's actionability checks: enabled, not inert, still for
 * two frames, and the topmost thing at its centre (WebDriver would tap an inert or moving
 * element and nothing would happen).
 */
const actionable = `const el = arguments[0], done = arguments[arguments.length - 1];
el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
const box = () => JSON.stringify(el.getBoundingClientRect());
const first = box();
requestAnimationFrame(() => requestAnimationFrame(() => {
	const b = el.getBoundingClientRect();
	const hit = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
	done(box() === first && !el.disabled && !el.closest('[inert]') &&
		!!hit && (el === hit || el.contains(hit) || hit.contains(el)));
}));`;

type Search = (root: WebDriver | WebElement) => Promise<WebElement[]>;

export class Locator {
	constructor(
		readonly driver: WebDriver,
		private readonly search: Search,
		readonly description: string,
		private readonly parent: Locator | null = null,
		private readonly isPage = false
	) {}

	/** Every visible match now, inside any of the parent's matches (as in Playwright). */
	async all(): Promise<WebElement[]> {
		const roots = this.parent ? await this.parent.all() : [this.driver];
		const found: WebElement[] = [];
		for (const root of roots) found.push(...(await this.search(root).catch(() => [])));
		if (found.length === 0) return [];
		// Spread: WebKitWebDriver turns top-level arguments into elements, not those inside an array.
		const shown = await this.driver
			.executeScript<boolean[]>(visible, ...found)
			.catch(() => [] as boolean[]);
		return found.filter((_, i) => shown[i]);
	}

	/** Waits until exactly one element matches, and returns it. */
	async element(wait = timeout): Promise<WebElement> {
		let count = 0;
		const deadline = Date.now() + wait;
		while (Date.now() < deadline) {
			const found = await this.all();
			count = found.length;
			if (count === 1) return found[0]!;
			await this.driver.sleep(100); // polling the page, as Playwright's expect does
		}
		throw new Error(`${this.description}: ${count} found, expected exactly one`);
	}

	/** Waits until `count` elements match (0: until it is gone). */
	async toHaveCount(count: number, wait = timeout): Promise<void> {
		const deadline = Date.now() + wait;
		let now = -1;
		while (Date.now() < deadline) {
			now = (await this.all()).length;
			if (now === count) return;
			await this.driver.sleep(100);
		}
		throw new Error(`${this.description}: ${now} found, expected ${count}`);
	}

	toBeVisible = (wait = timeout) => this.element(wait).then(() => undefined);

	within(search: Search, description: string): Locator {
		if (this.isPage) return new Locator(this.driver, search, description);
		return new Locator(this.driver, search, `${this.description} → ${description}`, this);
	}

	/**
	 * Runs `action` on the element, again while the page is re-rendering under it (a stale
	 * element, or another element on top for a moment), as Playwright's actions do.
	 */
	private async act<T>(action: (el: WebElement) => Promise<T>, tap = true): Promise<T> {
		const deadline = Date.now() + timeout;
		for (;;) {
			try {
				const el = await this.element();
				if (tap && !(await this.driver.executeAsyncScript<boolean>(actionable, el))) {
					if (Date.now() > deadline) throw new Error(`${this.description}: not ready for a tap`);
					await this.driver.sleep(100);
					continue;
				}
				return await action(el);
			} catch (error) {
				const name = (error as Error).name;
				const retry = /StaleElement|ElementClickIntercepted|ElementNotInteractable/.test(name);
				if (!retry || Date.now() > deadline) throw error;
				await this.driver.sleep(100);
			}
		}
	}

	/** Those of these elements whose text contains `hasText` (Playwright's `filter`). */
	filter({ hasText }: { hasText: string }): Locator {
		const search: Search = async (root) => {
			const found = await this.search(root);
			if (found.length === 0) return [];
			const texts: string[] = await this.driver.executeScript(
				'return Array.from(arguments, (el) => el.textContent)',
				...found
			);
			return found.filter((_, i) => texts[i]?.replace(/\s+/g, ' ').includes(hasText));
		};
		return new Locator(this.driver, search, `${this.description} with "${hasText}"`, this.parent);
	}

	getByRole(role: string, options: { name?: Name; level?: number } = {}): Locator {
		const { name, level } = options;
		let steps = roleSteps[role] ?? [`*[@role='${role}']`];
		if (level) steps = [`h${level}`, `*[@role='heading' and @aria-level='${level}']`];
		const xpath = steps.map((s) => `.//${s}`).join(' | ');
		return this.within(
			async (root) => {
				const out: WebElement[] = [];
				for (const el of await root.findElements(By.xpath(xpath))) {
					if (name !== undefined && !matches(await nameOf(el), name)) continue;
					const computed = await roleOf(el);
					if (computed && (roleAliases[role] ?? [role]).includes(computed)) out.push(el);
				}
				return out;
			},
			`${role}${name === undefined ? '' : ` "${name}"`}`
		);
	}

	/** A form control by its accessible name (its label, aria-label or aria-labelledby). */
	getByLabel(name: Name): Locator {
		const xpath = labelSteps.map((s) => `.//${s}`).join(' | ');
		return this.within(async (root) => {
			const out: WebElement[] = [];
			for (const el of await root.findElements(By.xpath(xpath))) {
				if (matches(await nameOf(el), name)) out.push(el);
			}
			return out;
		}, `label "${name}"`);
	}

	/** The innermost element whose text contains `text` (or is exactly it). */
	getByText(text: string, options: { exact?: boolean } = {}): Locator {
		const t = xpathLiteral(text);
		const test = options.exact ? `normalize-space(.)=${t}` : `contains(normalize-space(.), ${t})`;
		const xpath = `.//*[not(self::script or self::style or self::title)][${test}][not(.//*[${test}])]`;
		return this.within((root) => root.findElements(By.xpath(xpath)), `text "${text}"`);
	}

	click = () => this.act((el) => el.click());

	/** Empties the box and types `text`, key by key, as a person would. */
	fill = (text: string) =>
		this.act(async (el) => {
			await el.clear();
			if (text) await el.sendKeys(text);
		});

	/** Ticks a checkbox or radio button (a tick already there is left as it is). */
	check = () =>
		this.act(async (el) => {
			if (!(await el.isSelected())) await el.click();
		});

	/** Chooses a <select>'s option by its text. */
	selectOption = (label: string) =>
		this.act(async (el) => {
			const option = By.xpath(`.//option[normalize-space(.)=${xpathLiteral(label)}]`);
			await (await el.findElement(option)).click();
		});

	/** Hands a file to a file input, as the tablet's photo picker would. */
	setInputFile = (path: string) => this.act((el) => el.sendKeys(path), false);

	text = () => this.act((el) => el.getText(), false);
	value = () => this.act((el) => el.getAttribute('value'), false);

	/** Waits until the element's text contains `text`. */
	async toContainText(text: string, wait = timeout) {
		const deadline = Date.now() + wait;
		let last = '';
		while (Date.now() < deadline) {
			last = await this.text().catch(() => '');
			if (last.includes(text)) return;
			await this.driver.sleep(100);
		}
		throw new Error(`${this.description}: text "${last}" does not contain "${text}"`);
	}
}

/** The whole page, as Playwright's `page`: every locator starts here. */
export const pageOf = (driver: WebDriver) =>
	new Locator(driver, async () => [], 'page', null, true);
