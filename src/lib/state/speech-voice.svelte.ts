/**
 * The phone's read-aloud voice for the app's language (Web Speech API): undefined while the browser is
 * still listing voices, null when there is none (the screen says so instead of a button that does nothing).
 */
export class SpeechVoice {
	#voice = $state<SpeechSynthesisVoice | null | undefined>(undefined);

	constructor(lang: string, synth: SpeechSynthesis | undefined = globalThis.speechSynthesis) {
		$effect(() => {
			if (!synth) {
				this.#voice = null;
				return;
			}
			const prefix = lang.startsWith('zh') ? 'zh' : 'en';
			const pick = () => {
				const voices = synth.getVoices();
				this.#voice = voices.find((v) => v.lang.replace('_', '-').startsWith(prefix)) ?? null;
			};
			pick();
			synth.addEventListener('voiceschanged', pick);
			return () => {
				synth.removeEventListener('voiceschanged', pick);
				synth.cancel();
			};
		});
	}

	get voice(): SpeechSynthesisVoice | null | undefined {
		return this.#voice;
	}
}
