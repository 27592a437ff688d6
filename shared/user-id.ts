/**
 * The one rule for user ids, checked where a user id enters (a member made by an admin, a service
 * key naming the user it acts for): they name S3 prefixes (`loras/{userId}/…`, `temp/…/{userId}/…`),
 * so each must be one safe path segment.
 */
export const USER_ID_RULE = "1-128 letters, digits, '.', '_', '@' or '-', starting with a letter or digit, with no '..'";

export const userIdPattern = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

export const isUserId = (value: string): boolean => userIdPattern.test(value);
