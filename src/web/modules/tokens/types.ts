export interface ApiToken {
  id: string;
  name: string;
  role: string;
  roleLabel: string;
  access: 'read' | 'write';
  unitIds: string[];
  establishmentId: string | null;
  status: 'active' | 'expired' | 'revoked';
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
