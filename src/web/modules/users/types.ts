import type { BodyOf, ItemOf, ResponseOf } from '../../api/types';

/** Shapes of the users API, named from the generated contract. */
export type User = ItemOf<ResponseOf<'/api/users'>['items']>;
export type Assignment = ItemOf<User['roles']>;
export type RoleOptions = ResponseOf<'/api/users/options'>;
type GrantBody = BodyOf<'/api/users/{id}/roles', 'post'>;

/** What a role form holds (POST /users, /users/{id}/roles, /tokens share it); no role chosen yet is ''. */
export type RoleScope = Omit<GrantBody, 'role' | 'unitIds'> & { role: GrantBody['role'] | ''; unitIds: string[] };
