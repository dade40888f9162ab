import type { Lang } from './i18n.js';

/**
 * What each server error means for someone using the console, in Korean and English: what
 * happened and what they can do here — never a command line or an internal exception. Codes
 * whose server message carries a useful detail (a file's reason, a field) show it after a dash.
 */
type Message = { ko: string; en: string; detail?: boolean };

export const ERROR_MESSAGES: Record<string, Message> = {
  JG_CONFIG_INVALID: {
    ko: '서버 설정에 문제가 있습니다. 관리자에게 알려 주세요',
    en: 'The server is misconfigured. Tell your administrator',
    detail: true,
  },
  JG_STORE_FULL: {
    ko: '데이터베이스 디스크가 가득 차 기록할 수 없어 요청을 받을 수 없습니다. 관리자에게 알려 주세요',
    en: 'The database disk is full, so requests cannot be recorded. Tell the administrator',
  },
  JG_STORE_UNAVAILABLE: {
    ko: '데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도하고, 계속되면 관리자에게 알려 주세요',
    en: 'The database cannot be reached. Retry shortly; if it lasts, tell the administrator',
  },
  JG_STORE_NEWER: {
    ko: '다른 버전이 저장소를 바꿔 이 버전으로 시작할 수 없습니다. 관리자에게 알려 주세요',
    en: 'The store was changed by another version. Tell the administrator',
  },
  JG_KEY_FILE_INVALID: {
    ko: '서버의 키 파일이 손상되었습니다. 관리자에게 알려 주세요',
    en: 'A key file of the server is damaged. Tell your administrator',
    detail: true,
  },
  JG_CONFIG_NOT_FOUND: {
    ko: '서버 설정 파일을 찾을 수 없습니다. 관리자에게 알려 주세요',
    en: 'The server cannot find its configuration. Tell your administrator',
  },
  JG_INPUT_NOT_TEXT: { ko: '텍스트가 아닌 입력입니다', en: 'The input is not text' },
  JG_INPUT_INVALID_JSON: { ko: '입력 형식이 올바르지 않습니다', en: 'The input is not valid JSON' },
  JG_INPUT_INVALID_RECORD: {
    ko: '입력 항목의 형식이 올바르지 않습니다',
    en: 'An input record is not valid',
    detail: true,
  },
  JG_INPUT_TOO_LARGE: {
    ko: '입력이 너무 큽니다. 나누어 보내 주세요',
    en: 'The input is too large. Send it in parts',
  },
  JG_FILE_NOT_FOUND: { ko: '파일을 찾을 수 없습니다', en: 'The file was not found' },
  JG_PII_RECOGNIZER_INVALID: {
    ko: '개인정보 탐지 규칙 설정에 문제가 있습니다. 관리자에게 알려 주세요',
    en: 'A personal-data rule is misconfigured. Tell your administrator',
  },
  JG_PII_VALIDATOR_UNKNOWN: {
    ko: '개인정보 탐지 규칙 설정에 문제가 있습니다. 관리자에게 알려 주세요',
    en: 'A personal-data rule is misconfigured. Tell your administrator',
  },
  JG_INVALID_REQUEST: {
    ko: '요청을 처리할 수 없습니다',
    en: 'The request cannot be processed',
    detail: true,
  },
  JG_ROUTE_NOT_FOUND: {
    ko: '없는 화면이나 기능입니다. 새로 고침해 보세요',
    en: 'No such page or function. Try reloading',
  },
  JG_MODEL_NOT_FOUND: {
    ko: '그 모델은 설정되어 있지 않습니다. 목록에서 다른 모델을 고르세요',
    en: 'That model is not configured. Pick another from the list',
  },
  JG_MODEL_CAPABILITY: {
    ko: '그 모델은 이 기능을 지원하지 않습니다. 다른 모델을 고르세요',
    en: 'That model does not offer this. Pick another model',
  },
  JG_MODEL_UNAVAILABLE: {
    ko: '모델을 지금 쓸 수 없습니다. 잠시 후 다시 시도하거나 다른 모델을 고르세요',
    en: 'The model is unavailable right now. Retry later or pick another model',
  },
  JG_MODEL_BUSY: {
    ko: '모델에 요청이 몰려 있습니다. 잠시 후 다시 시도해 주세요',
    en: 'The model is busy. Retry in a moment',
  },
  JG_POLICY_BLOCKED: {
    ko: '개인정보 보호 정책에 따라 이 모델로는 보낼 수 없는 내용입니다. 국내·내부 모델을 고르거나 개인정보를 빼고 보내 주세요',
    en: 'The privacy policy does not allow this content to go to that model. Pick a domestic or on-premises model, or leave the personal data out',
  },
  JG_AUDIT_RETENTION: {
    ko: '접속기록은 보관 기간이 지나기 전에는 삭제할 수 없습니다',
    en: 'Access records cannot be deleted before their retention period has passed',
  },
  JG_TOO_MANY_FINDINGS: {
    ko: '개인정보가 너무 많이 들어 있어 보내지 않았습니다. 나누어 보내 주세요',
    en: 'The message holds too many values of personal data and was not sent. Send it in smaller parts',
  },
  JG_DATA_CLASS_BLOCKED: {
    ko: '이 자료의 데이터 등급(C·S·O, 신용정보)으로는 고른 모델에 보낼 수 없습니다. 등급이 허용하는 내부·국내 모델을 골라 주세요',
    en: "This data's class (C, S, O, credit) may not go to that model. Pick an on-premises or domestic model the class allows",
  },
  JG_CONTENT_UNREADABLE: {
    ko: '개인정보를 검사할 수 없는 내용(이미지·파일 등)이 있어 보내지 않았습니다',
    en: 'Part of the message cannot be checked for personal data (an image or file), so it was not sent',
  },
  JG_POLICY_ERROR: {
    ko: '개인정보 검사에 실패해 안전을 위해 보내지 않았습니다. 잠시 후 다시 시도해 주세요',
    en: 'The personal-data check failed, so nothing was sent. Retry in a moment',
  },
  JG_UPSTREAM_ERROR: {
    ko: '모델 서버가 오류로 답했습니다. 잠시 후 다시 시도하거나 다른 모델을 고르세요',
    en: 'The model server answered with an error. Retry, or pick another model',
  },
  JG_UPSTREAM_TIMEOUT: {
    ko: '모델 서버의 응답이 너무 늦습니다. 질문을 줄이거나 잠시 후 다시 시도해 주세요',
    en: 'The model server took too long. Shorten the question or retry later',
  },
  JG_DOWNLOAD_FAILED: { ko: '모델을 내려받지 못했습니다', en: 'The model could not be downloaded' },
  JG_AUTH_MISSING: { ko: '로그인이 필요합니다', en: 'Please sign in' },
  JG_AUTH_MALFORMED: {
    ko: '인증 정보의 형식이 올바르지 않습니다. 다시 로그인해 주세요',
    en: 'The credentials are malformed. Sign in again',
  },
  JG_CSRF_MISSING: {
    ko: '보안 확인에 실패했습니다. 페이지를 새로 고친 뒤 다시 시도해 주세요',
    en: 'A security check failed. Reload the page and retry',
  },
  JG_UNSUPPORTED_MEDIA_TYPE: { ko: '보낼 수 없는 형식입니다', en: 'That format cannot be sent' },
  JG_PORT_IN_USE: {
    ko: '서버 포트가 이미 사용 중입니다. 관리자에게 알려 주세요',
    en: 'The server port is in use. Tell your administrator',
  },
  JG_AUTH_INVALID: {
    ko: '인증이 만료되었거나 올바르지 않습니다. 다시 로그인해 주세요',
    en: 'Your credentials are invalid or expired. Sign in again',
  },
  JG_SIGNIN_FAILED: {
    ko: '로그인하지 못했습니다. 기관, 사용자, 비밀번호를 확인해 주세요',
    en: 'Sign-in failed. Check the tenant, user and password',
  },
  JG_SIGNIN_THROTTLED: {
    ko: '로그인 실패가 많아 잠시 기다려야 합니다. 잠시 후 다시 시도해 주세요',
    en: 'Too many failed sign-ins. Wait a while and retry',
  },
  JG_PASSWORD_WRONG: { ko: '현재 비밀번호가 맞지 않습니다', en: 'The current password is wrong' },
  JG_SESSION_INVALID: {
    ko: '로그인이 끝났습니다. 다시 로그인해 주세요',
    en: 'Your session has ended. Sign in again',
  },
  JG_SSO_DENIED: {
    ko: '기관 계정이 jugwon을 쓸 수 있는 그룹에 속해 있지 않습니다. 관리자에게 추가를 요청하세요',
    en: 'Your organisation account is not in a group that may use jugwon. Ask your administrator to add you',
  },
  JG_SSO_FAILED: {
    ko: '기관 계정 로그인이 끝나지 않았습니다. 다시 시도해 주세요',
    en: 'Single sign-on did not complete. Try again',
  },
  JG_FORBIDDEN: {
    ko: '이 작업을 할 권한이 없습니다. 필요하면 관리자에게 요청하세요',
    en: 'You may not do this. Ask your administrator if you need to',
  },
  JG_MODEL_NOT_ALLOWED: {
    ko: '소속 기관에서 쓸 수 없는 모델입니다. 목록의 다른 모델을 고르세요',
    en: 'Your organisation may not use that model. Pick another from the list',
  },
  JG_RATE_LIMITED: {
    ko: '요청이 너무 잦습니다. 잠시 후 다시 시도해 주세요',
    en: 'Too many requests. Retry in a moment',
  },
  JG_QUOTA_EXCEEDED: {
    ko: '사용 한도를 다 썼습니다. 관리자에게 한도 조정을 요청하세요',
    en: 'The usage budget is used up. Ask your administrator to raise it',
  },
  JG_AUDIT_INVALID: {
    ko: '감사 기록 검증에 실패했습니다. 기록이 변경되었을 수 있으니 보안 담당자에게 알려 주세요',
    en: 'The audit trail fails verification. Tell your security officer',
    detail: true,
  },
  JG_PARSE_FAILED: { ko: '파일을 읽을 수 없습니다', en: 'The file cannot be read', detail: true },
  JG_COLLECTION_NOT_FOUND: {
    ko: '그 문서 모음(컬렉션)이 없습니다. 문서 화면에서 목록을 확인하세요',
    en: 'No such collection. See the list in Documents',
  },
  JG_SUITE_INVALID: {
    ko: '평가 문제 파일에 오류가 있습니다',
    en: 'The evaluation suite has an error',
    detail: true,
  },
  JG_CONVERSATION_NOT_FOUND: {
    ko: '그 대화가 없습니다. 삭제되었거나 보관 기간이 지났을 수 있습니다',
    en: 'No such conversation. It may have been deleted or kept past its retention period',
  },
  JG_CONVERSATION_LIMIT: {
    ko: '보관할 수 있는 대화 수를 모두 썼습니다. 필요 없는 대화를 지운 뒤 다시 저장하세요',
    en: 'You keep the most conversations allowed. Delete one you no longer need, then save again',
  },
  JG_COLLECTION_LIMIT: {
    ko: '이 기관이 만들 수 있는 컬렉션 수를 모두 썼습니다. 쓰지 않는 컬렉션을 지우거나 기존 컬렉션에 추가하세요',
    en: 'This tenant owns the most collections allowed. Delete one, or add to an existing one',
  },
  JG_EVAL_RUN_NOT_FOUND: { ko: '그 평가 결과가 없습니다', en: 'No such evaluation run' },
  JG_EVAL_BUSY: {
    ko: '진행 중인 평가가 이미 많습니다. 하나가 끝난 뒤 다시 시작하세요',
    en: 'Too many evaluation runs in progress. Start this one when one has finished',
  },
  JG_INVALID_VALUE: { ko: '입력한 값이 올바르지 않습니다', en: 'A value is not valid', detail: true },
  JG_TENANT_NOT_FOUND: { ko: '그 기관(테넌트)이 없습니다', en: 'No such tenant' },
  JG_TENANT_EXISTS: { ko: '같은 이름의 기관(테넌트)이 이미 있습니다', en: 'A tenant with that name exists' },
  JG_USER_NOT_FOUND: { ko: '그 사용자가 없습니다', en: 'No such user' },
  JG_USER_EXISTS: { ko: '같은 이름의 사용자가 이미 있습니다', en: 'A user with that name exists' },
  JG_KEY_NOT_FOUND: { ko: '그 API 키가 없습니다', en: 'No such API key' },
  JG_PASSWORD_INVALID: {
    ko: '비밀번호는 12자 이상이어야 합니다',
    en: 'Passwords have at least 12 characters',
  },
  JG_COLLECTION_CONFLICT: {
    ko: '이 문서 모음의 설정과 맞지 않습니다',
    en: "This does not match the collection's settings",
    detail: true,
  },
  JG_RETAINED_REQUEST_NOT_FOUND: {
    ko: '보관된 요청 원문이 없습니다',
    en: 'No retained request with that id',
  },
  JG_USAGE: { ko: '요청을 처리할 수 없습니다', en: 'The request cannot be processed' },
  JG_INGEST_QUOTA_EXCEEDED: {
    ko: '오늘 올릴 수 있는 문서 용량을 다 썼습니다. 내일 다시 올리거나 관리자에게 요청하세요',
    en: "Today's upload allowance is used up. Upload tomorrow or ask your administrator",
  },
  JG_INGEST_INTERRUPTED: {
    ko: '색인 중 서버가 멈췄습니다. 파일을 다시 올려 주세요',
    en: 'The server stopped while indexing. Upload the file again',
  },
  JG_COORDINATION_UNAVAILABLE: {
    ko: '사용 한도를 확인할 수 없어 잠시 처리하지 못합니다. 잠시 후 다시 시도해 주세요',
    en: 'Limits cannot be checked right now. Retry in a moment',
  },
  JG_STORE_IN_USE: {
    ko: '다른 서버가 이 저장소를 쓰고 있습니다. 관리자에게 알려 주세요',
    en: 'Another server is using this store. Tell your administrator',
  },
  JG_REPLICA_CONFLICT: {
    ko: '서버 구성에 문제가 있습니다. 관리자에게 알려 주세요',
    en: 'The server is misconfigured. Tell your administrator',
  },
  JG_INTERNAL: {
    ko: '예기치 못한 오류가 났습니다. 잠시 후 다시 시도하고, 계속되면 관리자에게 알려 주세요',
    en: 'Something went wrong. Retry, and tell your administrator if it persists',
  },
};

/** The server's detail, without a command-line hint it may end with. */
function detailOf(serverMessage: string): string {
  return serverMessage.replace(/\s*(?:Run|run|Use|See|Read|read)\s+`?jugwon[^.]*\.?$/, '').replace(/\.$/, '');
}

/** The message a console user reads for an error code (and the server's message, for details). */
export function errorMessage(code: string, serverMessage: string, lang: Lang): string {
  const m = ERROR_MESSAGES[code] ?? ERROR_MESSAGES.JG_INTERNAL;
  const text = (m as Message)[lang];
  return (m as Message).detail && serverMessage ? `${text} — ${detailOf(serverMessage)}` : `${text}.`;
}
