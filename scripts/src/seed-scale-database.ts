export const SCALE_DATABASE = 'payment_qualification_scale';
