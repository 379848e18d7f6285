/**
 * Recommended actions per segment (editable; saved with the RFM parameters). They travel as
 * the `action` column of RFM and drill-down exports, so a list can go straight into a CRM.
 */
export const DEFAULT_ACTIONS: Record<string, string> = {
	champions: 'Reward them: early access, referral programme, ask for reviews',
	loyal_customers: 'Upsell higher-value products; invite to the loyalty programme',
	potential_loyalist: 'Offer membership or loyalty points; personalised recommendations',
	new_customers: 'Onboarding series; make the second purchase easy',
	promising: 'Build the habit: free shipping or a trial of another category',
	need_attention: 'Limited-time offer based on what they bought before',
	about_to_sleep: 'Reconnect: popular products and a modest discount',
	at_risk: 'Personal win-back offer; ask what went wrong',
	cant_lose_them: 'Win them back personally (call or strong offer) before a competitor does',
	hibernating: 'Low-cost reactivation; recommend other categories',
	lost: 'One revival campaign, then stop spending on them',
	important_value: '保持现状，提供 VIP 服务与专属权益',
	important_develop: '提升购买频次：会员积分、复购券',
	important_keep: '主动联系唤回：专属优惠、关怀回访',
	important_retain: '主动回访挽留，了解流失原因',
	general_value: '提升客单价：搭配推荐、满减活动',
	general_develop: '挖掘需求，低成本培育',
	general_keep: '唤醒：限时优惠、新品推荐',
	general_retain: '低成本触达或放弃，控制营销成本',
	other: ''
};

/** Cleans an actions table from a config: known keys only, text up to 300 characters. */
export function parseActions(input: unknown): Record<string, string> {
	const out = { ...DEFAULT_ACTIONS };
	if (typeof input !== 'object' || input === null || Array.isArray(input)) return out;
	for (const [key, value] of Object.entries(input)) {
		if (/^[a-z][a-z0-9_]{0,40}$/.test(key) && typeof value === 'string') out[key] = value.slice(0, 300);
	}
	return out;
}
