import { createAuthClient } from "better-auth/react";

// Same origin as the app; better-auth's routes live under /api/auth.
export const authClient = createAuthClient();
