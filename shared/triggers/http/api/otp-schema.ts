import * as z from 'zod/mini';
import { indianMobile } from './complaint-schema.ts';

/** "My complaints by OTP": request bodies (validated by functions/my-complaints) and their documentation. */

const otpCode = z.string().check(
  z.refine((s: string) => /^\d{6}$/.test(s), {
    params: {
      code: 'invalid-otp',
      message: { en: 'The code has 6 digits', hi: 'कोड 6 अंकों का होता है' },
    },
  }),
  z.meta({ description: 'The 6-digit code sent by SMS', examples: ['042917'] }),
);

export const otpRequestSchema = z
  .strictObject({ mobile: indianMobile })
  .check(z.meta({ id: 'OtpRequest', description: 'The mobile number to send a one-time code to' }));

export const otpVerifySchema = z
  .strictObject({ mobile: indianMobile, otp: otpCode })
  .check(z.meta({ id: 'OtpVerification', description: 'The mobile number and the code it received' }));
