/**
 * Runs an expression inside a running service worker through the DevTools protocol. Playwright's
 * own `worker.evaluate` cannot do it for Segmenta's service worker: playwright-core compiles the
 * function it is given with the worker's global `eval` (its UtilityScript), which that service
 * worker refuses (src/offline/service-worker.ts).
 */
import type { BrowserContext } from 'playwright-core';

interface EvaluateAnswer {
	error?: { message: string };
	result?: {
		result: { value?: unknown };
		exceptionDetails?: { text: string; exception?: { description?: string } };
	};
}

/**
 * Evaluates `expression` (awaiting a promise it returns) in the service worker whose script is
 * `scriptURL`, and returns its value. The expression is compiled by the debugger, not by the
 * worker's `eval`; code it runs after its first `await` is subject to the worker's own rules.
 */
export async function evaluateInServiceWorker<T>(
	context: BrowserContext,
	scriptURL: string,
	expression: string
): Promise<T> {
	const browser = context.browser();
	if (!browser) throw new Error('this context has no browser to attach to');
	const cdp = await browser.newBrowserCDPSession();
	try {
		const { targetInfos } = await cdp.send('Target.getTargets');
		const target = targetInfos.find((t) => t.type === 'service_worker' && t.url === scriptURL);
		if (!target) throw new Error(`no service worker running from ${scriptURL}`);
		// Not flattened: a Playwright CDPSession cannot address a child session's messages.
		const { sessionId } = await cdp.send('Target.attachToTarget', {
			targetId: target.targetId,
			flatten: false
		});
		const answer = new Promise<EvaluateAnswer>((resolve) => {
			cdp.on('Target.receivedMessageFromTarget', (event) => {
				if (event.sessionId !== sessionId) return;
				const message = JSON.parse(event.message) as EvaluateAnswer & { id?: number };
				if (message.id === 1) resolve(message);
			});
		});
		const params = { expression, awaitPromise: true, returnByValue: true };
		await cdp.send('Target.sendMessageToTarget', {
			sessionId,
			message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params })
		});
		const { error, result } = await answer;
		if (error) throw new Error(error.message);
		const thrown = result?.exceptionDetails;
		if (thrown) throw new Error(thrown.exception?.description ?? thrown.text);
		return result?.result.value as T;
	} finally {
		await cdp.detach();
	}
}
